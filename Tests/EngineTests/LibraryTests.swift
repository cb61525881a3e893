@testable import Engine
import Foundation
import Model
import Testing
import TestSupport

/// A library in a temporary folder.
final class TestLibrary: @unchecked Sendable {
    let scratch = Scratch("library")
    let library: Library
    /// What the library was opened with (a second one opens the same database with it).
    let configuration: EngineConfiguration

    /// A new library; with `separator`, that separator is the provider of its name.
    init(engine: DatabaseEngine? = nil, maxDownloadBytes: Int64? = nil, separator: (any StemSeparator)? = nil,
         configure: (inout EngineConfiguration) -> Void = { _ in }) async throws {
        var configuration = EngineConfiguration(environment: [:])
        try (engine ?? .default).configure(&configuration)
        if let maxDownloadBytes { configuration.maxDownloadBytes = maxDownloadBytes }
        configuration.home = scratch.url.appendingPathComponent("home")
        configuration.workers = 2
        configuration.retryBaseDelay = 0.05
        configure(&configuration)
        self.configuration = configuration
        library = try await Library.open(configuration, dependencies: separator.map { .live(configuration).using($0) })
    }

    /// A short WAV tone named `name` in the scratch folder.
    func tone(_ name: String, frequency: Double = 440, seconds: Double = 1) throws -> String {
        let path = scratch.path(name)
        try Fixtures.audio(path, expression: "0.3*sin(2*PI*\(frequency)*t)", rate: 44100, seconds: seconds,
                           codecArguments: ["-c:a", "pcm_s16le"])
        return path
    }

    /// Runs the workers until no job is waiting.
    func drain() async throws {
        let library = self.library
        try await JobRunner(library: library).run(workers: 2, pollInterval: .milliseconds(20)) {
            (try? await library.jobs.hasPending()) == false
        }
    }

    deinit {
        let library = self.library
        Task { await library.close() }
    }
}

@Suite("library: import, search, export, overrides")
struct LibraryTests {
    @Test("imported files become completed samples with their files, analysis and a searchable title", arguments: DatabaseEngine.tested)
    func importAndSearch(engine: DatabaseEngine) async throws {
        let t = try await TestLibrary(engine: engine)
        let folder = t.scratch.path("in")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, frequency) in [("kick loop", 60.0), ("snare roll", 200.0), ("vocal chop", 440.0)] {
            _ = try t.tone("in/\(name).wav", frequency: frequency)
        }
        try Data("not media".utf8).write(to: URL(fileURLWithPath: "\(folder)/notes.txt"))
        let outcomes = try await t.library.samples.importFiles([folder])
        #expect(outcomes.count == 3, "the text file is not picked up from a folder")
        try await t.drain()

        let all = try await t.library.samples.list(SampleQuery())
        #expect(all.total == 3)
        #expect(all.items.allSatisfy { $0.status == .completed })
        for sample in all.items {
            #expect(sample.files?.wav != nil && sample.files?.mp3 != nil && sample.files?.hls != nil)
            #expect(sample.files?.hlsFirstSegment?.key.hasSuffix(".m4s") == true)
            #expect(sample.analysis != nil)
            #expect(abs((sample.duration ?? 0) - 1) < 0.01)
            for file in sample.files?.all ?? [] {
                #expect(t.library.blobs.localURL(for: try BlobKey(file.key)) != nil, "missing blob \(file.key)")
            }
        }
        let kick = try await t.library.samples.list(SampleQuery(search: "kic"))
        #expect(kick.items.map(\.title) == ["kick loop"])
        let none = try await t.library.samples.list(SampleQuery(search: "zzz"))
        #expect(none.total == 0)
        let two = try await t.library.samples.list(SampleQuery(search: "ro"))
        #expect(two.items.map(\.title) == ["snare roll"])
    }

    @Test("filters, sorts and pages use the effective tempo and key", arguments: DatabaseEngine.tested)
    func filtersAndPaging(engine: DatabaseEngine) async throws {
        let t = try await TestLibrary(engine: engine)
        var ids: [UUID] = []
        for (i, bpm) in [90.0, 100.0, 110.0, 120.0, 174.0].enumerated() {
            let outcome = try await t.library.samples.submit(try t.tone("t\(i).wav", frequency: 300 + Double(i) * 50))
            ids.append(outcome.sample.id)
            _ = try await t.library.samples.setOverrides(ids[i], SampleOverrides(bpm: bpm, key: MusicalKey(parsing: ["Am", "C", "Em", "G", "Dm"][i])))
        }
        let range = try await t.library.samples.list(SampleQuery(bpmMin: 95, bpmMax: 125))
        #expect(Set(range.items.compactMap(\.bpm)) == [100, 110, 120])
        let am = try await t.library.samples.list(SampleQuery(key: MusicalKey(parsing: "8A")))
        #expect(am.items.map(\.id) == [ids[0]])
        // Compatible with A minor (8A): 8A, 7A (Dm), 9A (Em), 8B (C).
        let compatible = try await t.library.samples.list(SampleQuery(compatibleWith: MusicalKey(parsing: "Am"), sort: .bpm))
        #expect(compatible.items.compactMap(\.bpm) == [90, 100, 110, 174])
        let byBPM = try await t.library.samples.list(SampleQuery(sort: .bpm, page: 2, limit: 2))
        #expect(byBPM.total == 5)
        #expect(byBPM.items.compactMap(\.bpm) == [110, 120])
        #expect(byBPM.pageCount == 3)
    }

    @Test("export writes the WAV or MP3 and counts the download", arguments: DatabaseEngine.tested)
    func export(engine: DatabaseEngine) async throws {
        let t = try await TestLibrary(engine: engine)
        let outcome = try await t.library.samples.submit(try t.tone("pad.wav"))
        try await t.drain()
        let folder = t.scratch.url.appendingPathComponent("exports")
        let wav = try await t.library.assets.export(.sample(outcome.sample.id), format: .wav, to: folder)
        #expect(try Command.probe(wav.path).audio?.codec_name == "pcm_s24le")
        let mp3 = try await t.library.assets.export(.sample(try await t.library.samples.id(matching: String(outcome.sample.id.uuidString.prefix(8)))), format: .mp3, to: folder)
        #expect(try Command.probe(mp3.path).audio?.codec_name == "mp3")
        #expect(try await t.library.samples.sample(outcome.sample.id).downloadCount == 2)
    }

    @Test("the same file or URL submitted twice is one sample", arguments: DatabaseEngine.tested)
    func dedupe(engine: DatabaseEngine) async throws {
        let t = try await TestLibrary(engine: engine)
        let path = try t.tone("a.wav")
        let copy = t.scratch.path("copy of a.wav")
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let first = try await t.library.samples.submit(path)
        let again = try await t.library.samples.submit(copy)
        #expect(first.created && !again.created)
        #expect(first.sample.id == again.sample.id)
        let url = try await t.library.samples.submit("HTTPS://Example.COM:443/clip.mp4?utm_source=x&id=3#t=2")
        let same = try await t.library.samples.submit("https://example.com/clip.mp4?id=3")
        #expect(url.created && !same.created)
        #expect(url.sample.id == same.sample.id)
        let other = try await t.library.samples.submit("https://example.com/clip.mp4?id=4")
        #expect(other.created)
    }

    @Test("a user's overrides survive processing and analysis again; the sample serves as it was until then", arguments: DatabaseEngine.tested)
    func overridesSurviveReanalysis(engine: DatabaseEngine) async throws {
        let t = try await TestLibrary(engine: engine)
        let outcome = try await t.library.samples.submit(try t.tone("b.wav"))
        try await t.drain()
        let id = outcome.sample.id
        let detected = try await t.library.samples.sample(id).analysis
        _ = try await t.library.samples.setOverrides(id, SampleOverrides(bpm: 93.5, key: MusicalKey(parsing: "F# minor")))
        _ = try await t.library.samples.retry(id)
        // Until the reprocess has run, the sample keeps serving as it was: listed completed, exported.
        #expect(try await t.library.samples.sample(id).status == .completed)
        let exported = try await t.library.assets.export(.sample(id), format: .wav, to: t.scratch.url.appendingPathComponent("out"))
        #expect(FileManager.default.fileExists(atPath: exported.path))
        try await t.drain()
        let sample = try await t.library.samples.sample(id)
        #expect(sample.status == .completed)
        #expect(sample.overrides?.bpm == 93.5)
        #expect(sample.key?.camelot == "11A")
        #expect(sample.bpm == 93.5)
        #expect(sample.analysis?.durationSeconds == detected?.durationSeconds)
    }

    @Test("a bad file ends failed with its code at once, and delete removes row and files", arguments: DatabaseEngine.tested)
    func failureAndDelete(engine: DatabaseEngine) async throws {
        let t = try await TestLibrary(engine: engine)
        let bad = t.scratch.path("bad.mp4")
        try Fixtures.randomBytes(bad, count: 2048)
        let outcome = try await t.library.samples.submit(bad)
        try await t.drain()
        let failed = try await t.library.samples.sample(outcome.sample.id)
        #expect(failed.status == .failed)
        #expect(failed.error?.code == "media.unreadable")
        let job = try await t.library.jobs.job(forSample: outcome.sample.id)
        #expect(job?.attempts == 1, "a corrupt file is not retried")

        let good = try await t.library.samples.submit(try t.tone("c.wav"))
        try await t.drain()
        let folder = try #require(t.library.localBlobs).path(for: .sampleFolder(good.sample.id))
        #expect(FileManager.default.fileExists(atPath: folder.path))
        try await t.library.samples.delete(try await t.library.samples.id(matching: String(good.sample.id.uuidString.prefix(6))))
        #expect(!FileManager.default.fileExists(atPath: folder.path))
        await #expect(throws: SampleTokError.self) { try await t.library.samples.sample(good.sample.id) }
    }
}
