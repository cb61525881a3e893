import Foundation

/// Small signal measurements for the tests.
public enum Signal {
    /// Root mean square.
    public static func rms(_ x: ArraySlice<Float>) -> Float {
        guard !x.isEmpty else { return 0 }
        return (x.reduce(Float(0)) { $0 + $1 * $1 } / Float(x.count)).squareRoot()
    }

    /// The frequency of a clean tone, from the periods between its positive-going zero crossings
    /// (placed between samples by linear interpolation). Periods more than 10 % off the median
    /// are left out: those a dropout broke (a stretch of silence where a starved audio thread
    /// missed its deadline, or the splice where the sound resumed), which say nothing of the pitch.
    /// A sample of exactly 0, as such silence is, never counts as the positive side of a crossing.
    public static func toneFrequency(_ x: ArraySlice<Float>, sampleRate: Int) -> Double {
        var crossings: [Double] = []
        var i = x.startIndex + 1
        while i < x.endIndex {
            let a = x[i - 1], b = x[i]
            if a < 0 && b > 0 { crossings.append(Double(i - 1) + Double(-a / (b - a))) }
            i += 1
        }
        guard crossings.count > 2 else { return 0 }
        let periods = zip(crossings.dropFirst(), crossings).map { $0 - $1 }
        let typical = periods.sorted()[periods.count / 2]
        let kept = periods.filter { abs($0 - typical) < 0.1 * typical }
        return Double(kept.count) * Double(sampleRate) / kept.reduce(0, +)
    }
}

extension Signal {
    /// Frames in one analysis block: 5 ms at 48 kHz. A tone at a multiple of 200 Hz has whole
    /// periods in every block, so its level is the same wherever a block starts, and it leaves
    /// nothing in the bins of other multiples of 200 Hz.
    public static let blockFrames = 240

    /// The amplitude of `frequency` in `x` (one DFT bin, rectangular window): a steady tone of
    /// amplitude A that fills the slice gives A; one that fills a fraction r of it gives about r·A.
    public static func amplitude(of frequency: Double, in x: ArraySlice<Float>, sampleRate: Int) -> Double {
        guard !x.isEmpty else { return 0 }
        let step = 2 * Double.pi * frequency / Double(sampleRate)
        var re = 0.0, im = 0.0
        for (n, value) in x.enumerated() {
            re += Double(value) * cos(step * Double(n))
            im -= Double(value) * sin(step * Double(n))
        }
        return 2 * (re * re + im * im).squareRoot() / Double(x.count)
    }

    /// Whether some 5 ms block of `x` is louder than `threshold` (RMS).
    public static func hasSound(_ x: [Float], threshold: Float = 0.02) -> Bool {
        stride(from: 0, to: x.count - blockFrames + 1, by: blockFrames).contains { rms(x[$0..<($0 + blockFrames)]) > threshold }
    }

    /// Seconds of silence (5 ms blocks quieter than `threshold` RMS) at the end of `x`.
    public static func trailingSilence(_ x: [Float], sampleRate: Int, threshold: Float = 0.02) -> Double {
        var end = x.count
        while end >= blockFrames && rms(x[(end - blockFrames)..<end]) <= threshold { end -= blockFrames }
        return Double(x.count - end) / Double(sampleRate)
    }
}

/// A recording cut into 5 ms blocks, with the level of each of some tones in each block
/// (1 = the tone at `amplitude` fills the block). Reads how long each tone was heard, whatever
/// silences (pauses, underruns) fell between: a tone is heard in a block where its level is at
/// least one half, so each start and end is exact to half a block (2.5 ms), and the few per cent
/// by which a lossy codec wobbles a tone's level do not count.
public struct ToneLevels: Sendable {
    /// The tones, in Hz (multiples of 200 Hz, so they do not leak into each other).
    public let frequencies: [Double]
    /// Per block, per tone: its level (about 1 when the tone fills the block).
    public let blocks: [[Double]]

    /// Measures `x` (48 kHz) for `frequencies`, relative to `amplitude`.
    public init(_ x: [Float], frequencies: [Double], amplitude: Double) {
        self.frequencies = frequencies
        let size = Signal.blockFrames
        blocks = stride(from: 0, to: x.count - size + 1, by: size).map { start in
            frequencies.map { Signal.amplitude(of: $0, in: x[start..<(start + size)], sampleRate: 48000) / amplitude }
        }
    }

    /// Seconds the tone `index` was heard (in `range` of blocks, or in all of them).
    public func seconds(of index: Int, in range: Range<Int>? = nil) -> Double {
        let heard = blocks[range ?? blocks.indices].filter { $0[index] >= 0.5 }.count
        return Double(heard * Signal.blockFrames) / 48000
    }

    /// Seconds any of the tones was heard.
    public var totalSeconds: Double { frequencies.indices.reduce(0) { $0 + seconds(of: $1) } }

    /// Blocks where the tones `a` and `b` both have at least `level`: both sounding at once
    /// (a block that merely holds the end of one and the start of the other has less of each).
    public func blocksHolding(_ a: Int, and b: Int, level: Double = 0.6) -> [Int] {
        blocks.indices.filter { blocks[$0][a] >= level && blocks[$0][b] >= level }
    }

    /// The first and last blocks where tone `index` is heard.
    public func span(of index: Int) -> ClosedRange<Int>? {
        guard let first = blocks.firstIndex(where: { $0[index] >= 0.5 }),
              let last = blocks.lastIndex(where: { $0[index] >= 0.5 }) else { return nil }
        return first...last
    }
}
