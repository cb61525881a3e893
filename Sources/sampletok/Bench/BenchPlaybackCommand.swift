import ArgumentParser
import Benchmarks
import Engine
import Foundation
import Media
import Model
import Net
import Playback
import Server

/// `sampletok bench playback`: time from `play` to the first audio handed to PulseAudio.
struct BenchPlaybackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "playback",
        abstract: "Time from play to the first audio frame handed to PulseAudio: cold over loopback, cold from the local library, prefetched.",
        discussion: """
            Makes a 10-s sample in a throwaway library, serves it on loopback (the API in-process), \
            opens one PulseAudio output up front (its first write pays the stream start) and plays \
            the sample PLAYS times per mode, each cold play with an empty segment cache, also synced \
            to a session tempo and key (time-stretched and pitch-shifted by Rubber Band). Targets: \
            ≤ 30 ms cold over loopback, ≤ 5 ms prefetched, plus the device buffer (20 ms). Needs a \
            reachable PulseAudio (PULSE_SERVER or XDG_RUNTIME_DIR) and ffmpeg on PATH.
            """)

    @Option(help: "Plays per mode.") var plays = 50
    @Option(help: "Folder for the benchmark library (replaced).")
    var work: String = FileManager.default.temporaryDirectory.appendingPathComponent("sampletok-bench-playback").path

    func validate() throws {
        guard plays > 0 else { throw ValidationError("--plays must be at least 1.") }
    }

    func run() async throws {
        MediaLog.configure()
        let output = try AudioDevice.open()
        // The first write starts the stream (up to 2 s on a null sink): pay it before timing.
        try output.write(AudioBuffer(left: [Float](repeating: 0, count: 4800), right: [Float](repeating: 0, count: 4800)))

        let root = URL(fileURLWithPath: work)
        try? FileManager.default.removeItem(at: root)
        var engine = EngineConfiguration()
        engine.home = root.appendingPathComponent("home")
        let library = try await Library.open(engine)
        let sample = try await makeSample(in: library, folder: root)
        guard let hls = sample.files?.hls, let local = library.blobs.localURL(for: try BlobKey(hls.key)) else {
            throw ValidationError("the benchmark sample has no HLS stream")
        }

        var server = ServerConfiguration(environment: [:])
        server.host = "127.0.0.1"
        server.port = 0
        let port = AsyncStream<Int>.makeStream()
        let application = APIServer(library: library, configuration: server)
            .application(onServerRunning: { port.continuation.yield($0); port.continuation.finish() })
        // Served until the process ends (the benchmark's last step).
        Task { try await application.runService() }
        guard let bound = await port.stream.first(where: { _ in true }) else { throw ValidationError("the server did not start") }
        let client = HTTPClient()
        let remote = try await hlsURL(of: sample.id, port: bound, client: client)

        print("play → first audio handed to PulseAudio, \(plays) plays each (the device buffer adds about 20 ms):")
        // Synced as the app's `y` plays a 120-BPM sample in a 124-BPM session a tone up.
        let synced = PlaybackSync(timeRatio: 120.0 / 124, semitones: 2, tempo: 124)
        let modes: [(String, PlaybackItem, Bool, PlaybackSync?)] = [
            ("cold, --serve on loopback", .hls(remote), false, nil), ("cold, local library", .hls(local), false, nil),
            ("prefetched (loopback)", .hls(remote), true, nil), ("prefetched (local)", .hls(local), true, nil),
            ("synced → 124 BPM, +2 st: cold, loopback", .hls(remote), false, synced),
            ("synced → 124 BPM, +2 st: prefetched (local)", .hls(local), true, synced),
        ]
        for (label, item, prefetched, sync) in modes {
            // The plays block (the player's threads and the fetches): off the cooperative pool.
            let times = try await withCheckedThrowingContinuation { continuation in
                Thread.detachNewThread {
                    continuation.resume(with: Result { try measure(item, prefetched: prefetched, sync: sync, output: output, client: client) })
                }
            }
            report(label, times.map(\.delay))
            reportParts(times.map(\.parts))
        }
        await library.close()
    }

    /// A 10-s two-tone clip (AAC, 44.1 kHz, like a phone's) imported and processed.
    private func makeSample(in library: Library, folder: URL) async throws -> Sample {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let clip = folder.appendingPathComponent("tone.m4a").path
        let status = try Subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                                         "aevalsrc=0.4*sin(2*PI*440*t)|0.4*sin(2*PI*660*t):s=44100:d=10",
                                         "-c:a", "aac", "-b:a", "128k", clip])
        guard status == 0 else { throw ValidationError("ffmpeg could not make the benchmark clip") }
        let outcomes = try await library.samples.importFiles([clip])
        guard let id = outcomes.first.flatMap({ try? $0.result.get().sample.id }) else {
            throw ValidationError("the benchmark clip could not be imported")
        }
        try await JobRunner(library: library).run(workers: 1) { (try? await library.jobs.hasPending()) == false }
        let sample = try await library.samples.sample(id)
        guard sample.status == .completed else { throw SampleTokError.sampleNotReady(id.uuidString, status: sample.status) }
        return sample
    }

    /// The sample's `files.hls.url` as the server gives it.
    private func hlsURL(of id: UUID, port: Int, client: HTTPClient) async throws -> URL {
        let response = try await client.send(.get("http://127.0.0.1:\(port)/api/v1/samples/\(id.uuidString)"))
        guard response.isSuccess else { throw ValidationError("the server answered HTTP \(response.status) for the sample") }
        guard let link = try JSONDecoder().decode(LinkedSample.self, from: response.body).files?.hls?.url,
              let url = URL(string: link) else {
            throw ValidationError("the server's sample has no files.hls.url")
        }
        return url
    }

    /// Plays `item` `plays` times, each with a new player and an empty cache (shared HTTP
    /// connections, as in the app), bent by `sync` when given; prefetched plays call `prepare` first.
    private func measure(_ item: PlaybackItem, prefetched: Bool, sync: PlaybackSync?, output: PulseOutput,
                         client: HTTPClient) throws -> [(delay: Double, parts: FirstAudioParts)] {
        try (0..<plays).map { _ in
            let player = Player(output: output, fetcher: SegmentFetcher(client: client))
            player.setSync(sync)
            if prefetched { try player.prepare(item) }
            player.play(item)
            let deadline = Date().addingTimeInterval(10)
            var status = player.status
            while status.firstAudioParts == nil && status.state != .failed && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.001)
                status = player.status
            }
            player.stop()
            if let error = status.error { throw error }
            guard let delay = status.firstAudioDelay, let parts = status.firstAudioParts else {
                throw ValidationError("no audio within 10 s")
            }
            return (delay, parts)
        }
    }

    /// Each part of the time to the first audio: median and p95 (the write comes after it).
    private func reportParts(_ parts: [FirstAudioParts]) {
        let named: [(String, KeyPath<FirstAudioParts, Double>)] = [
            ("handoff to the thread", \.handoff), ("playlist", \.playlist), ("segment fetches", \.segments),
            ("decoder open", \.decoderOpen), ("first decode", \.firstDecode), ("first PulseAudio write", \.firstWrite), ("stretcher (synced)", \.stretch),
        ]
        for (name, path) in named {
            let sorted = parts.map { $0[keyPath: path] }.sorted()
            let p95 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.95).rounded(.up)) - 1)]
            print("      " + name.padding(toLength: 24, withPad: " ", startingAt: 0)
                  + String(format: "median %6.2f ms, p95 %6.2f ms", median(sorted) * 1000, p95 * 1000))
        }
    }

    private func report(_ label: String, _ times: [Double]) {
        let sorted = times.sorted()
        let p95 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.95).rounded(.up)) - 1)]
        print("  " + label.padding(toLength: 44, withPad: " ", startingAt: 0)
              + String(format: "median %6.2f ms, p95 %6.2f ms, max %6.2f ms", median(sorted) * 1000, p95 * 1000, (sorted.last ?? 0) * 1000))
    }
}

/// The part of the server's sample JSON the benchmark reads: `files.hls.url`.
private struct LinkedSample: Decodable {
    struct Files: Decodable {
        struct File: Decodable { var url: String? }
        var hls: File?
    }
    var files: Files?
}
