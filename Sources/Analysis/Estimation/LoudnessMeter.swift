import Foundation
import Media

/// EBU R128 / ITU-R BS.1770-4 integrated loudness of 48 kHz stereo audio, measured
/// incrementally: K-weighting, 400 ms blocks every 100 ms, an absolute gate at −70 LUFS and a
/// relative gate 10 LU below the ungated mean.
///
/// It keeps one mean-square value per 100 ms segment, and of the signal only the samples not yet
/// filtered (at most `chunkSegments` segments and the warm-up) per channel.
///
/// The K-weighting recursion is a chain of dependent multiply-adds, one sample after the other.
/// To run four chains at once, the meter waits for `chunkSegments` segments and filters the four
/// quarters of that stretch side by side in `FloatLanes`. Each quarter starts `warmUpFrames`
/// early from rest: the filters forget their starting state by a factor below 10⁻⁶ within
/// 100 ms (the high-pass poles are at radius 0.995), so each quarter's output matches one
/// filter run over the whole stream to within Float rounding (about 10⁻⁵ of each segment's
/// energy, 10⁻⁴ LU). The stream's first quarter warms up on silence, as one filter started at
/// rest would.
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
    /// Segments filtered per chunk: four lanes of eight segments (3.2 s), so the warm-up adds
    /// an eighth to the work.
    private static let chunkSegments = 32
    private static let lanes = 4

    /// Per channel, the last `warmUpFrames` frames already filtered, then the frames not yet
    /// filtered (zeros before the stream's start).
    private var left = [Float](repeating: 0, count: warmUpFrames)
    private var right = [Float](repeating: 0, count: warmUpFrames)
    /// The mean square (left plus right) of each complete 100 ms segment filtered so far.
    private var segments: [Double] = []

    /// Creates a meter with no audio measured.
    public init() {
        left.reserveCapacity(Self.warmUpFrames + Self.chunkSegments * Self.segmentFrames + 8192)
        right.reserveCapacity(Self.warmUpFrames + Self.chunkSegments * Self.segmentFrames + 8192)
    }

    /// Measures the next run of stereo 48 kHz samples.
    public mutating func add(left leftSamples: [Float], right rightSamples: [Float]) {
        let count = min(leftSamples.count, rightSamples.count)
        left.append(contentsOf: leftSamples[..<count])
        right.append(contentsOf: rightSamples[..<count])
        let chunkFrames = Self.chunkSegments * Self.segmentFrames
        while left.count - Self.warmUpFrames >= chunkFrames {
            filterSegments(Self.chunkSegments)
            left.removeFirst(chunkFrames)
            right.removeFirst(chunkFrames)
        }
    }

    /// Filters the first `count` segments after the warm-up (a multiple of four; both channels
    /// hold at least that many frames) and appends their mean squares to `segments`.
    private mutating func filterSegments(_ count: Int) {
        let perLane = count / Self.lanes
        var energies = [Double](repeating: 0, count: count)
        left.withUnsafeBufferPointer { Self.kWeightedEnergies($0, segmentsPerLane: perLane, adding: &energies) }
        right.withUnsafeBufferPointer { Self.kWeightedEnergies($0, segmentsPerLane: perLane, adding: &energies) }
        let gain = Self.shelfB.0 * Self.shelfB.0 / Double(Self.segmentFrames)
        segments.append(contentsOf: energies.map { $0 * gain })
    }

    /// Runs one channel through the K-weighting (shelf numerator divided by its b0) in four lanes
    /// of `segmentsPerLane` segments, each after its warm-up, and adds each segment's sum of
    /// squares to `energies`, in stream order.
    private static func kWeightedEnergies(_ x: UnsafeBufferPointer<Float>, segmentsPerLane: Int,
                                          adding energies: inout [Double]) {
        guard let base = x.baseAddress else { return }
        let laneFrames = segmentsPerLane * segmentFrames
        precondition(x.count >= warmUpFrames + lanes * laneFrames, "not enough frames buffered")
        let c1 = FloatLanes(repeating: Float(shelfB.1 / shelfB.0))
        let c2 = FloatLanes(repeating: Float(shelfB.2 / shelfB.0))
        let a1 = FloatLanes(repeating: Float(shelfA.0)), a2 = FloatLanes(repeating: Float(shelfA.1))
        let h1 = FloatLanes(repeating: Float(highPassA.0)), h2 = FloatLanes(repeating: Float(highPassA.1))
        // Lane k reads from its warm-up start, k quarters into the chunk.
        let p0 = base, p1 = base + laneFrames, p2 = base + 2 * laneFrames, p3 = base + 3 * laneFrames
        var x1 = FloatLanes.zero, x2 = FloatLanes.zero
        var y1 = FloatLanes.zero, y2 = FloatLanes.zero
        var w1 = FloatLanes.zero, w2 = FloatLanes.zero
        /// Filters frame `j` of each lane (direct form I) and returns the high-pass outputs.
        @inline(__always) func step(_ j: Int) -> FloatLanes {
            let xn = FloatLanes(p0[j], p1[j], p2[j], p3[j])
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
        for segment in 0..<segmentsPerLane {
            var sum = FloatLanes.zero
            let end = j &+ segmentFrames
            while j < end {
                let w = step(j)
                sum = sum + w * w
                j &+= 1
            }
            energies[segment] += Double(sum.a)
            energies[segmentsPerLane + segment] += Double(sum.b)
            energies[2 * segmentsPerLane + segment] += Double(sum.c)
            energies[3 * segmentsPerLane + segment] += Double(sum.d)
        }
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

    /// The segments filtered so far and those complete in the buffered frames (filtered on a
    /// copy, padded with silence to whole lanes; a partial last segment does not count).
    private func segmentsIncludingBuffered() -> [Double] {
        let complete = (left.count - Self.warmUpFrames) / Self.segmentFrames
        guard complete > 0 else { return segments }
        let padded = (complete + Self.lanes - 1) / Self.lanes * Self.lanes
        var meter = self
        let frames = Self.warmUpFrames + padded * Self.segmentFrames
        meter.left.append(contentsOf: repeatElement(0, count: max(0, frames - left.count)))
        meter.right.append(contentsOf: repeatElement(0, count: max(0, frames - right.count)))
        meter.filterSegments(padded)
        return Array(meter.segments.prefix(segments.count + complete))
    }
}
