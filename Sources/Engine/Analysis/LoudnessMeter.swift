import Foundation
import Media

/// EBU R128 / ITU-R BS.1770-4 integrated loudness of 48 kHz stereo audio, measured
/// incrementally: K-weighting, 400 ms blocks every 100 ms, an absolute gate at −70 LUFS and a
/// relative gate 10 LU below the ungated mean.
///
/// It keeps one mean-square value per 100 ms per channel pair, nothing else of the signal.
public struct LoudnessMeter: Sendable {
    /// The loudness reported when nothing passes the absolute gate, as ffmpeg's `ebur128` does.
    public static let silence = -70.0

    // K-weighting at 48 kHz (BS.1770-4, table 1 and 2): a high shelf, then a high-pass.
    private static let shelfB = (1.53512485958697, -2.69169618940638, 1.19839281085285)
    private static let shelfA = (-1.69065929318241, 0.73248077421585)
    private static let highPassB = (1.0, -2.0, 1.0)
    private static let highPassA = (-1.99004745483398, 0.99007225036621)
    private static let segmentFrames = AudioBuffer.sampleRate / 10

    // Transposed direct form II states: [shelf z1, shelf z2, high-pass z1, high-pass z2] per channel.
    private var left = (0.0, 0.0, 0.0, 0.0)
    private var right = (0.0, 0.0, 0.0, 0.0)
    private var segmentSum = 0.0
    private var segmentCount = 0
    private var segments: [Double] = []

    /// Creates a meter with no audio measured.
    public init() {}

    /// Measures the next run of stereo 48 kHz samples.
    public mutating func add(left leftSamples: [Float], right rightSamples: [Float]) {
        let count = min(leftSamples.count, rightSamples.count)
        var start = 0
        leftSamples.withUnsafeBufferPointer { l in
            rightSamples.withUnsafeBufferPointer { r in
                while start < count {
                    let n = min(count - start, Self.segmentFrames - segmentCount)
                    segmentSum += filter(l, r, from: start, count: n)
                    segmentCount += n
                    start += n
                    if segmentCount == Self.segmentFrames {
                        segments.append(segmentSum / Double(Self.segmentFrames))
                        segmentSum = 0
                        segmentCount = 0
                    }
                }
            }
        }
    }

    /// Runs both channels through the K-weighting filters and returns the sum of squares.
    private mutating func filter(_ l: UnsafeBufferPointer<Float>, _ r: UnsafeBufferPointer<Float>,
                                 from start: Int, count: Int) -> Double {
        let (sb0, sb1, sb2) = Self.shelfB
        let (sa1, sa2) = Self.shelfA
        let (hb0, hb1, hb2) = Self.highPassB
        let (ha1, ha2) = Self.highPassA
        var (l1, l2, l3, l4) = left
        var (r1, r2, r3, r4) = right
        var sum = 0.0
        for i in start..<(start + count) {
            let xl = Double(l[i]), xr = Double(r[i])
            let yl = sb0 * xl + l1
            l1 = sb1 * xl - sa1 * yl + l2
            l2 = sb2 * xl - sa2 * yl
            let yr = sb0 * xr + r1
            r1 = sb1 * xr - sa1 * yr + r2
            r2 = sb2 * xr - sa2 * yr
            let zl = hb0 * yl + l3
            l3 = hb1 * yl - ha1 * zl + l4
            l4 = hb2 * yl - ha2 * zl
            let zr = hb0 * yr + r3
            r3 = hb1 * yr - ha1 * zr + r4
            r4 = hb2 * yr - ha2 * zr
            sum += zl * zl + zr * zr
        }
        left = (l1, l2, l3, l4)
        right = (r1, r2, r3, r4)
        return sum
    }

    /// The integrated loudness in LUFS of everything measured so far (−70 when all is below the
    /// absolute gate or shorter than one 400 ms block).
    public var integratedLoudness: Double {
        guard segments.count >= 4 else { return Self.silence }
        var blocks: [Double] = []
        blocks.reserveCapacity(segments.count - 3)
        for i in 3..<segments.count {
            blocks.append((segments[i] + segments[i - 1] + segments[i - 2] + segments[i - 3]) / 4)
        }
        func loudness(_ power: Double) -> Double { -0.691 + 10 * log10(power) }
        let absoluteGate = pow(10, (-70 + 0.691) / 10)
        let loud = blocks.filter { $0 > absoluteGate }
        guard !loud.isEmpty else { return Self.silence }
        let ungated = loud.reduce(0, +) / Double(loud.count)
        let relativeGate = ungated * pow(10, -10.0 / 10)
        let kept = loud.filter { $0 > relativeGate }
        guard !kept.isEmpty else { return Self.silence }
        return max(Self.silence, loudness(kept.reduce(0, +) / Double(kept.count)))
    }
}
