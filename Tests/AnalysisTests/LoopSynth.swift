import SignalTestSupport
import Foundation
import Model

extension Synth {
    /// A four-on-the-floor loop in `key` whose key is known by construction, in the manner of
    /// `scripts/make-demo-clip.py`: one chord per bar on the given scale degrees (0 = tonic), each
    /// a bass note on the chord's root (octave 2–3), a close triad of the scale (octave 4) struck
    /// three times, and above them a melody on the key's tonic triad and second (1 3 5 2, octave 5);
    /// with a kick on every beat and a snare on 2 and 4 when `drums`. `bass` puts the bass on
    /// other degrees than the chord roots, one per bar. `brightBass` makes the bass louder (0.4)
    /// and gives it eight partials falling by 0.7 each, so its 5th partial (two octaves and a
    /// major third up) sounds like a third over every chord it sits under.
    static func loop(_ key: MusicalKey, degrees: [Int], bass: [Int]? = nil, bpm: Double = 110, bars: Int = 4,
                     drums: Bool = true, brightBass: Bool = false) -> [Float] {
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
            if brightBass {
                partials(&out, frequency: hz(note(root) - 12), from: start, seconds: 3.5 * beat, amplitude: 0.4,
                         count: 8, decay: 0.7)
            } else {
                tone(&out, frequency: hz(note(root) - 12), from: start, seconds: 3.5 * beat, amplitude: 0.25)
            }
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

    /// A tone of `count` harmonics, the h-th at `amplitude · decay^(h−1)`, with a 10 ms attack
    /// and release.
    static func partials(_ out: inout [Float], frequency: Double, from start: Double, seconds: Double,
                         amplitude: Double, count: Int, decay: Double) {
        let first = Int(start * rate)
        let length = min(Int(seconds * rate), out.count - first)
        guard length > 0 else { return }
        let fade = min(480.0, Double(length) / 4)
        for h in 1...count where frequency * Double(h) < 20_000 {
            let step = 2 * Double.pi * frequency * Double(h) / rate
            let level = amplitude * pow(decay, Double(h - 1))
            for i in 0..<length {
                let envelope = min(1, Double(i) / fade, Double(length - i) / fade)
                out[first + i] += Float(level * sin(step * Double(i)) * envelope)
            }
        }
    }
}

extension Synth {
    /// `beats` beats at `bpm` of a figure that repeats every 1.5 beats, so that onset periodicity
    /// reads ⅔ of the tempo: a C major stab (half a beat long) on every dotted quarter from the
    /// start, a soft click on every beat and a bass C2 on every bar's one (3.5 beats long).
    static func dottedFigure(bpm: Double, beats: Double) -> [Float] {
        let beat = 60 / bpm
        let seconds = beats * beat
        var out = [Float](repeating: 0, count: Int((seconds * rate).rounded()))
        var time = 0.0
        while time < seconds - 1e-9 {
            for frequency in [261.6, 329.6, 392.0] {
                tone(&out, frequency: frequency, from: time, seconds: 0.5 * beat, amplitude: 0.1)
            }
            time += 1.5 * beat
        }
        var bar = 0.0
        while bar < seconds - 1e-9 {
            tone(&out, frequency: 65.4, from: bar, seconds: 3.5 * beat, amplitude: 0.2)
            bar += 4 * beat
        }
        return mix(out, clicks(bpm: bpm, seconds: seconds), gain: 0.125)
    }
}
