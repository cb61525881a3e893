import Analysis
import Foundation
import Media
import Model
import SignalTestSupport
import Testing

/// The beat grid on loops whose beats are known by construction: each found beat within 10 ms
/// of a true one, none missing, and the downbeat on the bar's first beat.
@Suite("beat grid: beats and the first downbeat")
struct BeatGridTests {
    /// A drum loop at `bpm` whose audio starts `lead` seconds before beat `startBeat` of the
    /// pattern (kick on 1 and the "and" of 3, snare on 2 and 4, hats on eighths: the one is the
    /// only beat with a kick):
    /// the true beats are at `lead + k × beat`, and the downbeats where `startBeat + k ≡ 0 (mod 4)`.
    static func loop(bpm: Double, seconds: Double, startBeat: Int, lead: Double) -> (audio: [Float], beats: [Double], downbeat: Double) {
        let beat = 60 / bpm
        let full = Synth.drums(bpm: bpm, seconds: seconds + 12 * beat, breakbeat: true)
        let cut = Int((Double(startBeat + 4) * beat - lead) * Synth.rate)  // from the second bar
        let audio = Array(full[cut..<(cut + Int(seconds * Synth.rate))])
        let beats = stride(from: lead, to: seconds, by: beat).map { $0 }
        let firstDown = (0..<4).first { (startBeat + $0) % 4 == 0 } ?? 0
        return (audio, beats, lead + Double(firstDown) * beat)
    }

    @Test("a drum loop's beats within 10 ms, and its downbeat", arguments: [
        (124.0, 1, 0.1), (90.0, 2, 0.23), (140.0, 3, 0.05), (160.0, 0, 0.3), (100.0, 1, 0.0), (128.0, 2, 0.411),
    ])
    func drumLoop(bpm: Double, startBeat: Int, lead: Double) throws {
        let (audio, truth, downbeat) = Self.loop(bpm: bpm, seconds: 4 * 4 * 60 / bpm, startBeat: startBeat, lead: lead)
        let result = try #require(try Synth.analyze(audio))
        let grid = try #require(result.beatGrid, "a loop with a tempo has beats")
        let found = grid.beats.map { Double($0) / Synth.rate }
        let errors = truth.map { t in found.map { abs($0 - t) }.min() ?? .infinity }
        #expect(errors.allSatisfy { $0 <= 0.010 }, "bpm \(bpm): errors (ms) \(errors.map { ($0 * 1000).rounded() })")
        #expect(abs(found.count - truth.count) <= 1, "\(found.count) beats for \(truth.count)")
        #expect(abs(Double(grid.downbeat) / Synth.rate - downbeat) <= 0.010,
                "downbeat at \(Double(grid.downbeat) / Synth.rate) s, made at \(downbeat) s")
    }

    @Test("clicks on every beat: within 10 ms")
    func clicks() throws {
        let audio = Array(repeating: Float(0), count: Int(0.137 * Synth.rate)) + Synth.clicks(bpm: 120, seconds: 8)
        let result = try #require(try Synth.analyze(audio))
        let grid = try #require(result.beatGrid)
        let truth = stride(from: 0.137, to: 8.137, by: 0.5).map { $0 }
        let found = grid.beats.map { Double($0) / Synth.rate }
        let errors = truth.map { t in found.map { abs($0 - t) }.min() ?? .infinity }
        #expect(errors.allSatisfy { $0 <= 0.010 }, "errors (ms) \(errors.map { ($0 * 1000).rounded() })")
    }

    @Test("no tempo, no beats: silence and a steady tone have no grid")
    func noTempoNoBeats() throws {
        #expect(try Synth.analyze([Float](repeating: 0, count: 48000 * 3))?.beatGrid == nil)
        var tone = [Float](repeating: 0, count: 48000 * 6)
        Synth.tone(&tone, frequency: 220, from: 0, seconds: 6, amplitude: 0.5)
        #expect(try Synth.analyze(tone)?.beatGrid == nil)
    }

    @Test("the grid survives the JSON and the database's text form")
    func coding() throws {
        let grid = BeatGrid(beats: [0, 24000, 48000], downbeat: 24000)
        #expect(BeatGrid(stored: grid.stored) == grid)
        #expect(BeatGrid(stored: "x;1,2") == nil && BeatGrid(stored: "1;") == nil && BeatGrid(stored: "") == nil)
        let result = AnalysisResult(durationSeconds: 1, bpm: 120, bpmConfidence: 0.9, key: nil, keyConfidence: 0,
                                    loudnessLUFS: -14, beatGrid: grid)
        let decoded = try JSONDecoder().decode(AnalysisResult.self, from: JSONEncoder().encode(result))
        #expect(decoded.beatGrid == grid)
    }
}
