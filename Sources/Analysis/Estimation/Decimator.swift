import Foundation
import Media

/// Mixes stereo 48 kHz to mono and decimates it by 4 to 12 kHz with a windowed-sinc
/// anti-alias filter (48 taps, Blackman window, cut-off 5 kHz), keeping its state between runs.
///
/// 12 kHz keeps everything tempo and key need (onsets to 5 kHz, pitches to 1.5 kHz plus harmonics).
/// The filter is evaluated only at the kept samples, eight taps at a time.
struct Decimator {
    /// The decimation factor.
    static let factor = 4
    /// The output rate.
    static let outputRate = Double(AudioBuffer.sampleRate / factor)
    private static let tapCount = 48
    private static let taps: [SIMD8<Float>] = {
        let cutoff = 5_000.0 / Double(AudioBuffer.sampleRate)
        let last = Double(tapCount - 1)
        var h = (0..<tapCount).map { i -> Double in
            let n = Double(i) - last / 2
            let sinc = n == 0 ? 2 * cutoff : sin(2 * .pi * cutoff * n) / (.pi * n)
            let w = 0.42 - 0.5 * cos(2 * .pi * Double(i) / last) + 0.08 * cos(4 * .pi * Double(i) / last)
            return sinc * w
        }
        let sum = h.reduce(0, +)
        h = h.map { $0 / sum }
        return stride(from: 0, to: tapCount, by: 8).map { base in
            var v = SIMD8<Float>()
            for j in 0..<8 { v[j] = Float(h[base + j]) }
            return v
        }
    }()

    /// Mono input not yet consumed, starting with the filter's history.
    private var pending: [Float] = {
        var history = [Float](repeating: 0, count: tapCount - 1)
        history.reserveCapacity(1 << 16)
        return history
    }()

    /// Takes a stereo run and appends the decimated mono samples to `output`.
    mutating func process(left: [Float], right: [Float], into output: inout [Float]) {
        let count = min(left.count, right.count)
        guard count > 0 else { return }
        let base = pending.count
        pending.append(contentsOf: repeatElement(0, count: count))
        pending.withUnsafeMutableBufferPointer { p in
            left.withUnsafeBufferPointer { l in
                right.withUnsafeBufferPointer { r in
                    guard let pBase = p.baseAddress, let lBase = l.baseAddress, let rBase = r.baseAddress else { return }
                    let destination = UnsafeMutableRawPointer(pBase + base)
                    let lRaw = UnsafeRawPointer(lBase), rRaw = UnsafeRawPointer(rBase)
                    let half = SIMD8<Float>(repeating: 0.5)
                    var i = 0
                    while i + 8 <= count {
                        let offset = i * MemoryLayout<Float>.stride
                        let sum = lRaw.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                            + rRaw.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                        destination.storeBytes(of: half * sum, toByteOffset: offset, as: SIMD8<Float>.self)
                        i += 8
                    }
                    while i < count {
                        p[base + i] = 0.5 * (l[i] + r[i])
                        i += 1
                    }
                }
            }
        }
        let available = pending.count - Self.tapCount + 1
        guard available > 0 else { return }
        let outputs = (available + Self.factor - 1) / Self.factor
        let first = output.count
        output.append(contentsOf: repeatElement(0, count: outputs))
        let h = Self.taps
        let (h0, h1, h2, h3, h4, h5) = (h[0], h[1], h[2], h[3], h[4], h[5])
        do {
            pending.withUnsafeBytes { x in
                output.withUnsafeMutableBufferPointer { out in
                    let stride = MemoryLayout<Float>.stride
                    for j in 0..<outputs {
                        let offset = j * Self.factor * stride
                        func load(_ t: Int) -> SIMD8<Float> {
                            x.loadUnaligned(fromByteOffset: offset + 8 * t * stride, as: SIMD8<Float>.self)
                        }
                        // Two accumulators of three taps blocks each (48 taps).
                        var a = h0 * load(0)
                        var b = h1 * load(1)
                        a += h2 * load(2)
                        b += h3 * load(3)
                        a += h4 * load(4)
                        b += h5 * load(5)
                        out[first + j] = (a + b).sum()
                    }
                }
            }
        }
        pending.removeFirst(min(outputs * Self.factor, pending.count))
    }
}
