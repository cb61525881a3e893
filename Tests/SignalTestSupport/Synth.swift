import Analysis
import Foundation
import Media
import Model

/// Test material made on the spot (shared by the analysis and engine tests): clicks, drum patterns, chord progressions, noise, at 48 kHz.
public enum Synth {
    public static let rate = Double(AudioBuffer.sampleRate)

    /// A deterministic noise source (xorshift), uniform in -1…1.
    public struct Noise {
        var state: UInt64
        public init(seed: UInt64) { state = seed | 1 }
        public mutating func next() -> Float {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Float(Int64(bitPattern: state >> 11) & 0xFFFFF) / Float(0x7FFFF) - 1
        }
    }

    /// A click (a 2 ms decaying 1.5 kHz burst) on every beat.
    public static func clicks(bpm: Double, seconds: Double) -> [Float] {
        var out = [Float](repeating: 0, count: Int(seconds * rate))
        let period = 60 / bpm
        var t = 0.0
        while t < seconds {
            let start = Int(t * rate)
            for i in 0..<min(480, out.count - start) {
                let x = Double(i) / rate
                out[start + i] += Float(0.8 * exp(-x / 0.002) * sin(2 * .pi * 1500 * x))
            }
            t += period
        }
        return out
    }

    /// A drum kit pattern: kick on beats 1 and 3, snare on 2 and 4, hi-hat on every eighth
    /// (swung 2:1 when `swing`; none without `hats`); `breakbeat` puts the kick on 1 and the
    /// "and" of 3, as in drum & bass. `smear` moves every hit by a random amount of up to that
    /// many seconds either way (a sloppy player; the pulse blurs).
    public static func drums(bpm: Double, seconds: Double, swing: Bool = false, breakbeat: Bool = false,
                      hats: Bool = true, smear: Double = 0, seed: UInt64 = 7) -> [Float] {
        var out = [Float](repeating: 0, count: Int(seconds * rate))
        var noise = Noise(seed: seed)
        var timing = Noise(seed: seed &+ 1)
        func at(_ time: Double) -> Double { max(0, time + smear * Double(timing.next())) }
        let beat = 60 / bpm
        var bar = 0.0
        while bar < seconds {
            let kicks = breakbeat ? [0.0, 2.5] : [0.0, 2.0]
            for k in kicks { kick(&out, at: at(bar + k * beat)) }
            for s in [1.0, 3.0] { snare(&out, at: at(bar + s * beat), noise: &noise) }
            for eighth in 0..<8 where hats {
                let offset = Double(eighth / 2) + (eighth % 2 == 0 ? 0 : (swing ? 2.0 / 3 : 0.5))
                hat(&out, at: at(bar + offset * beat), noise: &noise)
            }
            bar += 4 * beat
        }
        return out
    }

    private static func kick(_ out: inout [Float], at time: Double) {
        let start = Int(time * rate)
        guard start < out.count else { return }
        var phase = 0.0
        for i in 0..<min(Int(0.25 * rate), out.count - start) {
            let x = Double(i) / rate
            phase += 2 * .pi * (50 + 60 * exp(-x / 0.03)) / rate
            out[start + i] += Float(0.9 * exp(-x / 0.12) * sin(phase))
        }
    }

    private static func snare(_ out: inout [Float], at time: Double, noise: inout Noise) {
        let start = Int(time * rate)
        guard start < out.count else { return }
        for i in 0..<min(Int(0.2 * rate), out.count - start) {
            let x = Double(i) / rate
            let body = 0.3 * sin(2 * .pi * 185 * x) * exp(-x / 0.05)
            out[start + i] += Float(body) + 0.5 * Float(exp(-x / 0.06)) * noise.next()
        }
    }

    private static func hat(_ out: inout [Float], at time: Double, noise: inout Noise) {
        let start = Int(time * rate)
        guard start < out.count else { return }
        var previous: Float = 0
        for i in 0..<min(Int(0.05 * rate), out.count - start) {
            let n = noise.next()
            out[start + i] += 0.25 * Float(exp(-Double(i) / rate / 0.012)) * (n - previous)
            previous = n
        }
    }

    /// A cadence that establishes `key` (I–IV–V–I in major, i–iv–V–i in minor), each chord a
    /// bass note and a close triad of harmonic tones, detuned by `cents`.
    public static func progression(_ key: MusicalKey, cents: Double = 0, seconds: Double = 6) -> [Float] {
        let tonic = key.tonic.rawValue
        let minor = key.scale == .minor
        let third = minor ? 3 : 4
        // Chords as (root offset, intervals above the root).
        let chords: [(Int, [Int])] = [
            (0, [0, third, 7]), (5, [0, minor ? 3 : 4, 7]), (7, [0, 4, 7]), (0, [0, third, 7]),
        ]
        var out = [Float](repeating: 0, count: Int(seconds * rate))
        let chordLength = seconds / Double(chords.count)
        let tuning = pow(2, cents / 1200)
        for (index, chord) in chords.enumerated() {
            let root = tonic + chord.0
            let start = Double(index) * chordLength
            var notes = [36 + root % 12]
            notes += chord.1.map { 60 + (root % 12) + $0 }
            for note in notes {
                let frequency = 440 * pow(2, Double(note - 69) / 12) * tuning
                tone(&out, frequency: frequency, from: start, seconds: chordLength, amplitude: 0.12)
            }
        }
        return out
    }

    /// A tone of three harmonics (1, ½, ⅓) with a short attack and release.
    public static func tone(_ out: inout [Float], frequency: Double, from start: Double, seconds: Double, amplitude: Double) {
        let first = Int(start * rate)
        let count = min(Int(seconds * rate), out.count - first)
        guard count > 0 else { return }
        let fade = min(480.0, Double(count) / 4)
        var rotations: [(c: Double, s: Double, x: Double, y: Double, a: Double)] = []
        for h in 1...3 where frequency * Double(h) < 20_000 {
            let w = 2 * Double.pi * frequency * Double(h) / rate
            rotations.append((cos(w), sin(w), 1, 0, amplitude / Double(h)))
        }
        for i in 0..<count {
            let envelope = min(1, Double(i) / fade, Double(count - i) / fade)
            var sample = 0.0
            for j in rotations.indices {
                var r = rotations[j]
                sample += r.y * r.a
                (r.x, r.y) = (r.x * r.c - r.y * r.s, r.x * r.s + r.y * r.c)
                rotations[j] = r
            }
            out[first + i] += Float(sample * envelope)
        }
    }

    /// Uniform white noise at the given peak amplitude.
    public static func whiteNoise(seconds: Double, amplitude: Float = 0.3, seed: UInt64 = 3) -> [Float] {
        var noise = Noise(seed: seed)
        return (0..<Int(seconds * rate)).map { _ in amplitude * noise.next() }
    }

    /// `a + b`, sample by sample, over the shorter length.
    public static func mix(_ a: [Float], _ b: [Float], gain: Float = 1) -> [Float] {
        (0..<min(a.count, b.count)).map { a[$0] + gain * b[$0] }
    }

    /// Runs mono audio (played on both channels) through a fresh `AnalysisSink`.
    public static func analyze(_ mono: [Float]) throws -> AnalysisResult? {
        try analyze(left: mono, right: mono)
    }

    /// Runs stereo audio through a fresh `AnalysisSink` in pipeline-sized buffers.
    public static func analyze(left: [Float], right: [Float]) throws -> AnalysisResult? {
        try finishedSink(left: left, right: right).result
    }

    /// A fresh `AnalysisSink` that consumed stereo audio in buffers of `size` frames and finished.
    public static func finishedSink(left: [Float], right: [Float], buffer size: Int = 8192) throws -> AnalysisSink {
        let sink = try AnalysisSink()
        var start = 0
        while start < left.count {
            let end = min(left.count, start + size)
            try sink.consume(AudioBuffer(left: Array(left[start..<end]), right: Array(right[start..<end])))
            start = end
        }
        try sink.finish()
        return sink
    }
}
