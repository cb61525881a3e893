import Engine
import Foundation
import Model
import TestSupport
import Testing

/// The beat grid the analysis finds is kept with the sample, on each database engine.
@Suite("beat grid: stored with the analysis")
struct BeatGridStorageTests {
    @Test("a click track's beats are stored and read back: every half second at 120 BPM, in samples of 48 kHz", arguments: DatabaseEngine.tested)
    func clicksKeepTheirBeats(engine: DatabaseEngine) async throws {
        let t = try await TestLibrary(engine: engine)
        let path = t.scratch.path("clicks-120.wav")
        // A 2 ms 1.5 kHz burst every 0.5 s, starting 0.25 s in (commas escaped for the filter graph).
        try Fixtures.audio(path, expression: "if(gte(t\\,0.25)\\,0.8*sin(2*PI*1500*t)*exp(-mod(t-0.25\\,0.5)/0.002)\\,0)",
                           rate: 44100, seconds: 8, codecArguments: ["-c:a", "pcm_s16le"])
        let outcome = try await t.library.samples.submit(path)
        try await t.drain()
        let sample = try await t.library.samples.sample(outcome.sample.id)
        let grid = try #require(sample.analysis?.beatGrid, "a click track has beats")
        let seconds = grid.beats.map { Double($0) / Double(BeatGrid.sampleRate) }
        let truth = stride(from: 0.25, to: 8, by: 0.5).map { $0 }
        let errors = truth.map { t in seconds.map { abs($0 - t) }.min() ?? .infinity }
        #expect(errors.allSatisfy { $0 <= 0.010 }, "errors (ms) \(errors.map { ($0 * 1000).rounded() })")
        #expect(grid.beats.contains(grid.downbeat))
        // The JSON the API and `show --json` give carries them.
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(sample.analysis)) as? [String: Any]
        #expect((json?["beats"] as? [Int])?.count == grid.beats.count)
        #expect(json?["downbeat"] as? Int == grid.downbeat)
    }
}
