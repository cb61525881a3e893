import Foundation

/// Synthesised one-shots for measuring the similarity search: kicks, snares, hats, bass notes
/// and major and minor chords at several roots, each drawn with its own random variations
/// (pitch, decay, brightness, noise, level), mono at 48 kHz.
public enum OneShotSynth {
    /// What a one-shot is.
    public enum Instrument: String, CaseIterable, Sendable {
        case kick, snare, hat, bass, chord
    }

    /// One synthesised clip and what it is.
    public struct Clip: Sendable {
        /// The instrument.
        public var instrument: Instrument
        /// For chords, `major` or `minor`; nil otherwise.
        public var quality: String?
        /// For pitched clips, the root's pitch class (0 = C).
        public var root: Int?
        /// The audio, mono at 48 kHz.
        public var audio: [Float]
    }

    static let rate = 48_000.0

    /// `perInstrument` drums and bass notes of each kind, and a major and a minor chord on each
    /// of `chordRoots` (pitch classes), in `chordVariants` voicings each; the same seed gives
    /// the same clips.
    public static func set(perInstrument: Int = 12, chordRoots: [Int] = [0, 2, 4, 5, 7, 9],
                           chordVariants: Int = 2, seed: UInt64 = 18) -> [Clip] {
        var random = SplitMix(seed: seed)
        var clips: [Clip] = []
        for _ in 0..<perInstrument {
            clips.append(Clip(instrument: .kick, audio: kick(&random)))
            clips.append(Clip(instrument: .snare, audio: snare(&random)))
            clips.append(Clip(instrument: .hat, audio: hat(&random)))
            let root = Int(random.next() % 12)
            clips.append(Clip(instrument: .bass, root: root, audio: bass(root: root, &random)))
        }
        for root in chordRoots {
            for quality in ["major", "minor"] {
                for _ in 0..<chordVariants {
                    clips.append(Clip(instrument: .chord, quality: quality, root: root,
                                      audio: chord(root: root, minor: quality == "minor", &random)))
                }
            }
        }
        return clips
    }

    /// A uniform value in `range`.
    static func uniform(_ range: ClosedRange<Double>, _ random: inout SplitMix) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * Double(random.next() >> 11) / Double(1 << 53)
    }

    /// White noise in −1…1.
    static func noise(_ random: inout SplitMix) -> Double {
        Double(random.next() >> 11) / Double(1 << 52) - 1
    }

    /// A sine sweep from 120–180 Hz down to 40–60 Hz, decaying in 0.15–0.4 s, with a click.
    static func kick(_ random: inout SplitMix) -> [Float] {
        let seconds = 0.7
        let start = uniform(120...180, &random), end = uniform(40...60, &random)
        let sweep = uniform(0.03...0.08, &random), decay = uniform(0.15...0.4, &random)
        let click = uniform(0...0.3, &random), gain = uniform(0.5...0.9, &random)
        var phase = 0.0
        return (0..<Int(seconds * rate)).map { i in
            let t = Double(i) / rate
            let frequency = end + (start - end) * exp(-t / sweep)
            phase += 2 * .pi * frequency / rate
            let body = sin(phase) * exp(-t / decay)
            let transient = click * noise(&random) * exp(-t / 0.003)
            return Float(gain * (body + transient))
        }
    }

    /// A 160–240 Hz tone and noise (its share varying), decaying in 0.08–0.2 s.
    static func snare(_ random: inout SplitMix) -> [Float] {
        let seconds = 0.5
        let pitch = uniform(160...240, &random), decay = uniform(0.08...0.2, &random)
        let toneDecay = uniform(0.03...0.08, &random), noiseShare = uniform(0.55...0.8, &random)
        let gain = uniform(0.4...0.8, &random)
        var low = 0.0
        return (0..<Int(seconds * rate)).map { i in
            let t = Double(i) / rate
            let n = noise(&random)
            // A gentle high-pass (noise less its slow part) so the rattle sits above the body.
            low += 0.05 * (n - low)
            let rattle = (n - low) * exp(-t / decay)
            let body = sin(2 * .pi * pitch * t) * exp(-t / toneDecay)
            return Float(gain * (noiseShare * rattle + (1 - noiseShare) * body))
        }
    }

    /// High-passed noise (differenced, so its energy rises with frequency), decaying in 20–90 ms.
    static func hat(_ random: inout SplitMix) -> [Float] {
        let seconds = 0.3
        let decay = uniform(0.02...0.09, &random), gain = uniform(0.3...0.7, &random)
        let order = Int(random.next() % 2) + 2
        var history = [Double](repeating: 0, count: order + 1)
        return (0..<Int(seconds * rate)).map { i in
            let t = Double(i) / rate
            history.removeLast()
            history.insert(noise(&random), at: 0)
            // The order-th difference: a steep high-pass.
            var d = history
            for _ in 0..<order { d = zip(d, d.dropFirst()).map { $0 - $1 } }
            return Float(gain * 0.25 * (d.first ?? 0) * exp(-t / decay))
        }
    }

    /// A note of `root` between 41 and 78 Hz (octave 1–2): a few harmonics falling 1/n^b,
    /// a 5 ms attack and a slow decay.
    static func bass(root: Int, _ random: inout SplitMix) -> [Float] {
        let seconds = 0.9
        let octave = Double(random.next() % 2) + 1
        let frequency = 440 * pow(2, (Double(root) - 9) / 12 + octave - 4)
        let brightness = uniform(1.2...2.2, &random), decay = uniform(0.4...1.2, &random)
        let gain = uniform(0.4...0.8, &random)
        return (0..<Int(seconds * rate)).map { i in
            let t = Double(i) / rate
            var v = 0.0
            for h in 1...6 { v += sin(2 * .pi * frequency * Double(h) * t) / pow(Double(h), brightness) }
            return Float(gain * 0.6 * v * min(1, t / 0.005) * exp(-t / decay))
        }
    }

    /// A triad on `root` in octave 4 (root position or first inversion), three harmonics a note,
    /// a pad (slow attack) or a struck (fast attack, decaying) envelope.
    static func chord(root: Int, minor: Bool, _ random: inout SplitMix) -> [Float] {
        let seconds = 1.6
        let inversion = random.next() % 2 == 0
        var notes = [0, minor ? 3 : 4, 7].map { Double(root + $0) }
        if inversion { notes[0] += 12 }
        let frequencies = notes.map { 440 * pow(2, ($0 - 9) / 12) }
        let struck = random.next() % 2 == 0
        let attack = struck ? 0.005 : uniform(0.05...0.2, &random)
        let decay = struck ? uniform(0.6...1.2, &random) : 8
        let brightness = uniform(1...2, &random), gain = uniform(0.15...0.25, &random)
        return (0..<Int(seconds * rate)).map { i in
            let t = Double(i) / rate
            var v = 0.0
            for f in frequencies {
                for h in 1...3 { v += sin(2 * .pi * f * Double(h) * t) / pow(Double(h), brightness) }
            }
            return Float(gain * v * min(1, t / attack) * exp(-t / decay))
        }
    }
}
