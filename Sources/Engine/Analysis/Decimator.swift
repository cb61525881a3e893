import Foundation
import Media

/// Mixes stereo 48 kHz to mono and decimates it by 4 to 12 kHz with a windowed-sinc
/// anti-alias filter (48 taps, Blackman window, cut-off 5 kHz), keeping its state between runs.
///
/// 12 kHz keeps everything tempo and key need (onsets to 5 kHz, pitches to 1.5 kHz plus harmonics).
struct Decimator {
    /// The decimation factor.
    static let factor = 4
    /// The output rate.
    static let outputRate = Double(AudioBuffer.sampleRate / factor)
    private static let taps: [Float] = {
        let count = 48
        let cutoff = 5_000.0 / Double(AudioBuffer.sampleRate)
        var h = (0..<count).map { i -> Double in
            let n = Double(i) - Double(count - 1) / 2
            let sinc = n == 0 ? 2 * cutoff : sin(2 * .pi * cutoff * n) / (.pi * n)
            let w = 0.42 - 0.5 * cos(2 * .pi * Double(i) / Double(count - 1)) + 0.08 * cos(4 * .pi * Double(i) / Double(count - 1))
            return sinc * w
        }
        let sum = h.reduce(0, +)
        h = h.map { $0 / sum }
        return h.reversed().map { Float($0) }
    }()

    /// Mono input not yet consumed, starting with the filter's history.
    private var pending: [Float] = [Float](repeating: 0, count: 47)

    /// Takes a stereo run and appends the decimated mono samples to `output`.
    mutating func process(left: [Float], right: [Float], into output: inout [Float]) {
        let count = min(left.count, right.count)
        guard count > 0 else { return }
        let base = pending.count
        pending.reserveCapacity(base + count)
        left.withUnsafeBufferPointer { l in
            right.withUnsafeBufferPointer { r in
                for i in 0..<count { pending.append(0.5 * (l[i] + r[i])) }
            }
        }
        let tapCount = Self.taps.count
        let available = pending.count - tapCount + 1
        guard available > 0 else { return }
        let outputs = (available + Self.factor - 1) / Self.factor
        let consumed = outputs * Self.factor
        Self.taps.withUnsafeBufferPointer { h in
            pending.withUnsafeBufferPointer { x in
                for j in 0..<outputs {
                    let start = j * Self.factor
                    var a0: Float = 0, a1: Float = 0, a2: Float = 0, a3: Float = 0
                    var k = 0
                    while k < tapCount {
                        a0 += h[k] * x[start + k]
                        a1 += h[k + 1] * x[start + k + 1]
                        a2 += h[k + 2] * x[start + k + 2]
                        a3 += h[k + 3] * x[start + k + 3]
                        k += 4
                    }
                    output.append((a0 + a1) + (a2 + a3))
                }
            }
        }
        pending.removeFirst(min(consumed, pending.count))
    }
}
