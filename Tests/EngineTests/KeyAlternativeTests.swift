@testable import Engine
import FluentKit
import Foundation
import Model
import Testing

/// The nearly tied second key of an analysis (`key_alternative`, added by `AddKeyAlternative`) is
/// stored with the sample and comes back with it, on SQLite and PostgreSQL; a user's key hides it.
@Suite("library: the second key of an analysis")
struct KeyAlternativeTests {
    @Test("a stored analysis keeps its second key, and a user's key hides it", arguments: DatabaseEngine.tested)
    func secondKeyIsStored(engine: DatabaseEngine) async throws {
        let t = try await TestLibrary(engine: engine)
        let outcome = try await t.library.samples.submit(try t.tone("tied.wav"))
        try await t.drain()
        let id = outcome.sample.id
        let row = try #require(try await SampleModel.find(id, on: t.library.database.db))
        let analysis = AnalysisResult(durationSeconds: 8, bpm: 100, bpmConfidence: 0.9,
                                      key: MusicalKey(tonic: .a, scale: .minor), keyConfidence: 0.3,
                                      keyAlternative: MusicalKey(tonic: .c, scale: .major), loudnessLUFS: -12)
        row.apply(analysis)
        try await row.save(on: t.library.database.db)

        let sample = try await t.library.samples.sample(id)
        #expect(sample.analysis?.keyAlternative == MusicalKey(tonic: .c, scale: .major))
        #expect(sample.keyDetail() == "A minor (8A)?, or C major")
        _ = try await t.library.samples.setOverrides(id, SampleOverrides(key: MusicalKey(parsing: "D minor")))
        let overridden = try await t.library.samples.sample(id)
        #expect(overridden.keyAlternative == nil)
        #expect(overridden.keyDetail() == "D minor (7A)")
    }
}
