import SignalTestSupport
import Foundation
import Model

extension Synth {
    /// A four-on-the-floor loop in `key` whose key is known by construction, in the manner of
    /// `scripts/make-demo-clip.py`: one chord per bar on the given scale degrees (0 = tonic), each
    /// a bass note on the chord's root (octave 2–3), a close triad of the scale (octave 4) struck
    /// three times, and above them a melody on the key's tonic triad and second (1 3 5 2, octave 5);
    /// with a kick on every beat and a snare on 2 and 4 when `drums`. `bass` puts the bass on
    /// other degrees than the chord roots, one per bar.
    static func loop(_ key: MusicalKey, degrees: [Int], bass: [Int]? = nil, bpm: Double = 110, bars: Int = 4,
                     drums: Bool = true) -> [Float] {
        let scale = key.scale == .major ? [0, 2, 4, 5, 7, 9, 11] : [0, 2, 3, 5, 7, 8, 10]
        let tonic = 48 + key.tonic.rawValue
        func note(_ degree: Int) -> Int { tonic + scale[degree % 7] + 12 * (degree / 7) }
        func hz(_ midi: Int) -> Double { 440 * pow(2, Double(midi - 69) / 12) }
        let beat = 60 / bpm
        let seconds = Double(bars * 4) * beat
        var out = [Float](repeating: 0, count: Int(seconds * rate))
        for bar in 0..<bars {
            let start = Double(bar * 4) * beat
            let degree = degrees[bar % degrees.count]
            let root = bass.map { $0[bar % $0.count] } ?? degree
            tone(&out, frequency: hz(note(root) - 12), from: start, seconds: 3.5 * beat, amplitude: 0.25)
            for hit in [0.0, 1.5, 2.5] {
                for step in [0, 2, 4] {
                    tone(&out, frequency: hz(note(degree + step) + 12), from: start + hit * beat,
                         seconds: beat, amplitude: 0.1)
                }
            }
            let melody = [0, 2, 4, 1]
            for step in 0..<4 {
                tone(&out, frequency: hz(note(melody[(step + bar) % 4]) + 24), from: start + (Double(step) + 0.5) * beat,
                     seconds: 0.9 * beat, amplitude: 0.08)
            }
        }
        guard drums else { return out }
        return mix(out, Synth.drums(bpm: bpm, seconds: seconds, hats: false), gain: 0.6)
    }
}
