import Foundation
import Media

/// EBU R128 / ITU-R BS.1770-4 integrated loudness of 48 kHz stereo audio, measured
/// incrementally: K-weighting, 400 ms blocks every 100 ms, an absolute gate at −70 LUFS and a
/// relative gate 10 LU below the ungated mean.
///
/// It keeps one mean-square value per 100 ms segment, and of the signal only the samples not yet
/// filtered (at most `chunkFrames`, 0.9 s, per channel: the buffer of each clip is small, so
/// short clips pay few page faults for it).
///
/// The K-weighting recursion is a chain of dependent multiply-adds, one sample after the other.
/// To run four chains at once, the meter waits for a chunk of two halves of `halfSegments`
/// segments and filters left and right of both halves side by side in `FloatLanes`. Each half
/// starts `warmUpFrames` early from rest: the filters forget their starting state by a factor
/// below 10⁻⁶ within 100 ms (the high-pass poles are at radius 0.995), so each lane's output
/// matches one filter run over the whole stream to within Float rounding (about 10⁻⁵ of each
/// segment's energy, 10⁻⁴ LU). The stream's first half-chunk warms up on silence, as one
/// filter started at rest would.
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
    /// Frames each lane runs from rest before its own samples (100 ms).
    private static let warmUpFrames = segmentFrames
    /// Segments in each half of a chunk (0.4 s): the warm-up adds a quarter to the work.
    private static let halfSegments = 4
    /// Frames buffered per channel before a chunk is filtered: the warm-up and two halves.
    private static let chunkFrames = warmUpFrames + 2 * halfSegments * segmentFrames

    /// Per channel, the last `warmUpFrames` frames already filtered, then the frames not yet
    /// filtered (zeros before the stream's start).
    private var left = [Float](repeating: 0, count: warmUpFrames)
    private var right = [Float](repeating: 0, count: warmUpFrames)
    /// The mean square (left plus right) of each complete 100 ms segment filtered so far.
    private var segments: [Double] = []

    /// Creates a meter with no audio measured.
    public init() {
        left.reserveCapacity(Self.chunkFrames)
        right.reserveCapacity(Self.chunkFrames)
    }

    /// Measures the next run of stereo 48 kHz samples.
    public mutating func add(left leftSamples: [Float], right rightSamples: [Float]) {
        let count = min(leftSamples.count, rightSamples.count)
        var start = 0
        while start < count {
            let end = min(count, start + (Self.chunkFrames - left.count))
            left.append(contentsOf: leftSamples[start..<end])
            right.append(contentsOf: rightSamples[start..<end])
            start = end
            if left.count == Self.chunkFrames {
                let half = Self.halfSegments * Self.segmentFrames
                segments.append(contentsOf: energies(first: 0, second: half, segments: 2 * Self.halfSegments))
                left.removeFirst(2 * half)
                right.removeFirst(2 * half)
            }
        }
    }

    /// The mean squares of `count` segments: the first half of them from the buffered frames
    /// after `first` plus the warm-up, the second half after `second` plus the warm-up (`count`
    /// even; the buffer holds them).
    private func energies(first: Int, second: Int, segments count: Int) -> [Double] {
        let sums = left.withUnsafeBufferPointer { l in
            right.withUnsafeBufferPointer { r in
                Self.kWeightedEnergies(left: l, right: r, first: first, second: second, segmentsPerLane: count / 2)
            }
        }
        let gain = Self.shelfB.0 * Self.shelfB.0 / Double(Self.segmentFrames)
        return sums.map { $0 * gain }
    }

    /// Runs both channels through the K-weighting (shelf numerator divided by its b0) in four
    /// lanes: left and right from frame `first`, left and right from frame `second`, each
    /// `warmUpFrames` from rest and then `segmentsPerLane` segments. Returns each segment's sum
    /// of squares, left plus right: the lanes from `first`, then those from `second`.
    private static func kWeightedEnergies(left: UnsafeBufferPointer<Float>, right: UnsafeBufferPointer<Float>,
                                          first: Int, second: Int, segmentsPerLane: Int) -> [Double] {
        let frames = warmUpFrames + segmentsPerLane * segmentFrames
        precondition(max(first, second) + frames <= min(left.count, right.count), "not enough frames buffered")
        guard let l = left.baseAddress, let r = right.baseAddress else { return [] }
        let c1 = FloatLanes(repeating: Float(shelfB.1 / shelfB.0))
        let c2 = FloatLanes(repeating: Float(shelfB.2 / shelfB.0))
        let a1 = FloatLanes(repeating: Float(shelfA.0)), a2 = FloatLanes(repeating: Float(shelfA.1))
        let h1 = FloatLanes(repeating: Float(highPassA.0)), h2 = FloatLanes(repeating: Float(highPassA.1))
        let l0 = l + first, r0 = r + first, l1 = l + second, r1 = r + second
        var x1 = FloatLanes.zero, x2 = FloatLanes.zero
        var y1 = FloatLanes.zero, y2 = FloatLanes.zero
        var w1 = FloatLanes.zero, w2 = FloatLanes.zero
        /// Filters frame `j` of each lane (direct form I) and returns the high-pass outputs.
        @inline(__always) func step(_ j: Int) -> FloatLanes {
            let xn = FloatLanes(l0[j], r0[j], l1[j], r1[j])
            let y = ((xn + c1 * x1 + c2 * x2) - a2 * y2) - a1 * y1
            let w = (((y + y2) - (y1 + y1)) - h2 * w2) - h1 * w1
            x2 = x1; x1 = xn; y2 = y1; y1 = y; w2 = w1; w1 = w
            return w
        }
        var j = 0
        while j < warmUpFrames {
            _ = step(j)
            j &+= 1
        }
        var sums = [Double](repeating: 0, count: 2 * segmentsPerLane)
        for segment in 0..<segmentsPerLane {
            var sum = FloatLanes.zero
            let end = j &+ segmentFrames
            while j < end {
                let w = step(j)
                sum = sum + w * w
                j &+= 1
            }
            sums[segment] = Double(sum.a) + Double(sum.b)
            sums[segmentsPerLane + segment] = Double(sum.c) + Double(sum.d)
        }
        return sums
    }

    /// The integrated loudness in LUFS of everything measured so far (−70 when all is below the
    /// absolute gate or shorter than one 400 ms block).
    public var integratedLoudness: Double {
        let segments = segmentsIncludingBuffered()
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

    /// The segments filtered so far and those complete in the buffered frames (filtered where
    /// they lie, in the lanes from the buffer's start only; a partial last segment does not
    /// count).
    private func segmentsIncludingBuffered() -> [Double] {
        let complete = (left.count - Self.warmUpFrames) / Self.segmentFrames
        guard complete > 0 else { return segments }
        return segments + energies(first: 0, second: 0, segments: 2 * complete).prefix(complete)
    }
}
