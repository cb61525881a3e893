@testable import Engine
import Foundation
import Model
import Testing
import TestSupport

/// The similarity search on a library: descriptors stored with the analysis, neighbours by
/// aspect with the list's filters, the backfill of samples analysed before descriptors; on each
/// database engine.
@Suite("similarity: descriptors stored, neighbours, backfill")
struct SimilarityTests {
    /// A library with four clips: two low drones (55 and 58 Hz saws), a high whistle and noise.
    private static func library(_ engine: DatabaseEngine) async throws -> (TestLibrary, [String: UUID]) {
        let t = try await TestLibrary(engine: engine)
        let sounds = [
            "low drone": "0.3*(2*mod(55*t\\,1)-1)",
            "lower drone": "0.3*(2*mod(58*t\\,1)-1)",
            "whistle": "0.3*sin(2*PI*2400*t)",
            "hiss": "0.2*(2*random(0)-1)",
        ]
        var ids: [String: UUID] = [:]
        for (title, expression) in sounds {
            let path = t.scratch.path("\(title).wav")
            try Fixtures.audio(path, expression: expression, rate: 44100, seconds: 2, codecArguments: ["-c:a", "pcm_s16le"])
            ids[title] = try await t.library.samples.submit(path).sample.id
        }
        try await t.drain()
        return (t, ids)
    }

    @Test("the analysis stores a current descriptor; a drone's nearest by timbre is the other drone, never itself", arguments: DatabaseEngine.tested)
    func neighboursByTimbre(engine: DatabaseEngine) async throws {
        let (t, ids) = try await Self.library(engine)
        let rows = try await t.library.database.sql.raw("SELECT features FROM samples").all()
        #expect(rows.count == 4)
        for row in rows {
            let data = try #require(try row.decode(column: "features", as: Data?.self))
            #expect(SoundDescriptor(stored: data)?.isCurrent == true)
        }
        let low = try #require(ids["low drone"])
        let found = try await t.library.samples.similar(to: low, SimilarityQuery(aspect: .timbre, limit: 3))
        #expect(found.items.count == 3)
        #expect(found.items.first?.sample.id == ids["lower drone"])
        #expect(!found.items.contains { $0.sample.id == low })
        let similarities = found.items.map(\.similarity)
        #expect(similarities == similarities.sorted(by: >))
        #expect(similarities.allSatisfy { (0...1).contains($0) })
        // A limit of one is the closest alone.
        #expect(try await t.library.samples.similar(to: low, SimilarityQuery(aspect: .timbre, limit: 1)).items.map(\.sample.id) == [ids["lower drone"]])
    }

    @Test("filters narrow the neighbours: a tempo range and a key set by hand", arguments: DatabaseEngine.tested)
    func filtersCombine(engine: DatabaseEngine) async throws {
        let (t, ids) = try await Self.library(engine)
        let low = try #require(ids["low drone"]), whistle = try #require(ids["whistle"]), hiss = try #require(ids["hiss"])
        _ = try await t.library.samples.setOverrides(whistle, SampleOverrides(bpm: 120, key: MusicalKey(parsing: "A minor")))
        _ = try await t.library.samples.setOverrides(hiss, SampleOverrides(bpm: 90))
        _ = try await t.library.samples.setOverrides(try #require(ids["lower drone"]), SampleOverrides(key: MusicalKey(parsing: "F# major")))
        var filters = SampleQuery(bpmMin: 100, bpmMax: 130)
        #expect(try await t.library.samples.similar(to: low, SimilarityQuery(filters: filters)).items.map(\.sample.id) == [whistle])
        filters.bpmHalfDouble = true
        filters.bpmMin = 170
        filters.bpmMax = 190
        #expect(try await t.library.samples.similar(to: low, SimilarityQuery(filters: filters)).items.map(\.sample.id) == [hiss])
        let keyed = SampleQuery(compatibleWith: MusicalKey(parsing: "C major"))
        #expect(try await t.library.samples.similar(to: low, SimilarityQuery(filters: keyed)).items.map(\.sample.id) == [whistle])
        let both = SampleQuery(bpmMin: 80, bpmMax: 100, key: MusicalKey(parsing: "A minor"))
        #expect(try await t.library.samples.similar(to: low, SimilarityQuery(filters: both)).items.isEmpty)
    }

    @Test("a sample without a descriptor is sample.no_descriptor until backfill-features makes it; a second backfill does nothing", arguments: DatabaseEngine.tested)
    func backfill(engine: DatabaseEngine) async throws {
        let (t, ids) = try await Self.library(engine)
        let low = try #require(ids["low drone"])
        let before = try await t.library.samples.similar(to: low, SimilarityQuery(aspect: .all))
        try await t.library.database.sql.raw("UPDATE samples SET features = NULL").run()
        await #expect(throws: SampleTokError.self) { try await t.library.samples.similar(to: low, SimilarityQuery()) }
        do {
            _ = try await t.library.samples.similar(to: low, SimilarityQuery())
        } catch let error as SampleTokError {
            #expect(error.code == "sample.no_descriptor")
        }
        let first = try await t.library.samples.backfillFeatures()
        #expect(first.samples == 4 && first.current == 0 && first.failures.isEmpty)
        let second = try await t.library.samples.backfillFeatures()
        #expect(second.samples == 0 && second.current == 4)
        // The same descriptors as the pipeline's: the same neighbours in the same order.
        let after = try await t.library.samples.similar(to: low, SimilarityQuery(aspect: .all))
        #expect(after.items.map(\.sample.id) == before.items.map(\.sample.id))
        await #expect(throws: SampleTokError.self) { try await t.library.samples.similar(to: UUID(), SimilarityQuery()) }
    }
}
