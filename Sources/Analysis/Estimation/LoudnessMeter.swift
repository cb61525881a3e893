import Foundation
import Media

/// EBU R128 / ITU-R BS.1770-4 integrated loudness of 48 kHz stereo audio, measured
/// incrementally: K-weighting, 400 ms blocks every 100 ms, an absolute gate at −70 LUFS and a
/// relative gate 10 LU below the ungated mean.
///
/// It keeps one mean-square value per 100 ms segment and the filters' state, never the signal:
/// each buffer is filtered as it arrives, one continuous filter per channel (left and right side
/// by side in two of `FloatLanes`' lanes), and each segment's sum of squares is accumulated
/// across buffers.
///
/// The K-weighting recursion is a chain of dependent multiply-adds, one sample after the other,
/// so its speed is set by that chain's latency, not by the lanes in use. Filtering the two
/// channels together in one pass costs about what the former four-lane split of 3.2 s chunks
/// (each quarter started early from rest) cost per sample, without the chunk buffers, their page
/// faults per clip and the copy at the end.
public struct LoudnessMeter: Sendable {
    /// The loudness reported when nothing passes the absolute gate, as ffmpeg's `ebur128` does.
    public static let silence = -70.0

    // K-weighting at 48 kHz (BS.1770-4, table 1 and 2): a high shelf, then a high-pass with
    // numerator (1, −2, 1). The shelf's numerator is divided by its b0 here and its square
    // applied to the energies.
    private static let shelfB = (1.53512485958697, -2.69169618940638, 1.19839281085285)
    private static let shelfA = (-1.69065929318241, 0.73248077421585)
    private static let highPassA = (-1.99004745483398, 0.99007225036621)
    private static let segmentFrames = AudioBuffer.sampleRate / 10

    /// The filters' state (direct form I): the last two inputs, shelf outputs and high-pass
    /// outputs; lane `a` is the left channel, `b` the right, `c` and `d` stay zero.
    private var x1 = FloatLanes.zero, x2 = FloatLanes.zero
    private var y1 = FloatLanes.zero, y2 = FloatLanes.zero
    private var w1 = FloatLanes.zero, w2 = FloatLanes.zero
    /// The sum of squares (left plus right) of the current segment's frames so far.
    private var segmentSum = 0.0
    /// The frames of the current segment filtered so far.
    private var segmentFill = 0
    /// The mean square (left plus right) of each complete 100 ms segment filtered so far.
    private var segments: [Double] = []

    /// Creates a meter with no audio measured.
    public init() {}

    /// Measures the next run of stereo 48 kHz samples.
    public mutating func add(left leftSamples: [Float], right rightSamples: [Float]) {
        let count = min(leftSamples.count, rightSamples.count)
        leftSamples.withUnsafeBufferPointer { left in
            rightSamples.withUnsafeBufferPointer { right in
                filter(left: left, right: right, count: count)
            }
        }
    }

    /// Runs the first `count` frames of both channels through the K-weighting (shelf numerator
    /// divided by its b0), adding their squares to the current segment and closing each segment
    /// that fills.
    private mutating func filter(left: UnsafeBufferPointer<Float>, right: UnsafeBufferPointer<Float>, count: Int) {
        let c1 = FloatLanes(repeating: Float(Self.shelfB.1 / Self.shelfB.0))
        let c2 = FloatLanes(repeating: Float(Self.shelfB.2 / Self.shelfB.0))
        let a1 = FloatLanes(repeating: Float(Self.shelfA.0)), a2 = FloatLanes(repeating: Float(Self.shelfA.1))
        let h1 = FloatLanes(repeating: Float(Self.highPassA.0)), h2 = FloatLanes(repeating: Float(Self.highPassA.1))
        let gain = Self.shelfB.0 * Self.shelfB.0 / Double(Self.segmentFrames)
        var x1 = self.x1, x2 = self.x2, y1 = self.y1, y2 = self.y2, w1 = self.w1, w2 = self.w2
        var j = 0
        while j < count {
            let end = min(count, j &+ (Self.segmentFrames - segmentFill))
            var sum = FloatLanes.zero
            segmentFill += end - j
            while j < end {
                let xn = FloatLanes(left[j], right[j], 0, 0)
                let y = ((xn + c1 * x1 + c2 * x2) - a2 * y2) - a1 * y1
                let w = (((y + y2) - (y1 + y1)) - h2 * w2) - h1 * w1
                x2 = x1; x1 = xn; y2 = y1; y1 = y; w2 = w1; w1 = w
                sum = sum + w * w
                j &+= 1
            }
            segmentSum += Double(sum.a) + Double(sum.b)
            if segmentFill == Self.segmentFrames {
                segments.append(segmentSum * gain)
                segmentSum = 0
                segmentFill = 0
            }
        }
        self.x1 = x1; self.x2 = x2; self.y1 = y1; self.y2 = y2; self.w1 = w1; self.w2 = w2
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
