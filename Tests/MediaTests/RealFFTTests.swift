import Foundation
import Media
import Testing

/// Both outputs of the forward FFT against a naive double-precision DFT.
@Suite struct RealFFTTests {
    /// Sizes with odd and even halves, tiny ones and the analysis' 1024 and 4096.
    static let sizes = [2, 4, 6, 8, 16, 30, 64, 256, 1024, 2048, 4096]

    /// The signals a split step can get wrong: impulses at 0 and off 0, DC, Nyquist, noise.
    static func signals(_ size: Int) -> [(String, [Float])] {
        var generator = SplitMix(seed: UInt64(size))
        return [
            ("impulse at 0", (0..<size).map { $0 == 0 ? 1 : 0 }),
            ("impulse at 1", (0..<size).map { $0 == 1 ? 1 : 0 }),
            ("DC", [Float](repeating: 0.5, count: size)),
            ("Nyquist", (0..<size).map { $0 % 2 == 0 ? 1 : -1 }),
            ("random", (0..<size).map { _ in Float(generator.nextUnit() * 2 - 1) }),
        ]
    }

    /// Bins `0...size/2` of the DFT of `signal`, in Double.
    static func naiveDFT(_ signal: [Float]) -> [(re: Double, im: Double)] {
        let n = signal.count
        return (0...(n / 2)).map { k in
            var re = 0.0, im = 0.0
            for (t, x) in signal.enumerated() {
                let angle = -2 * Double.pi * Double(k * t % n) / Double(n)
                re += Double(x) * cos(angle)
                im += Double(x) * sin(angle)
            }
            return (re, im)
        }
    }

    /// A Float FFT's error grows like log2(n) ulps of the signal's energy: bound it by
    /// 1e-5 · (1 + log2 n) · √(n · Σx²), an absolute tolerance on every bin.
    static func tolerance(_ signal: [Float]) -> Double {
        let energy = signal.reduce(0.0) { $0 + Double($1) * Double($1) }
        let n = Double(signal.count)
        return 1e-5 * (1 + Foundation.log2(n)) * (n * energy).squareRoot() + 1e-6
    }

    @Test(arguments: sizes) func forwardMatchesTheDFT(size: Int) throws {
        let fft = try RealFFT(size: size)
        for (name, signal) in Self.signals(size) {
            var real: [Float] = [], imaginary: [Float] = []
            signal.withUnsafeBufferPointer { fft.forward($0, real: &real, imaginary: &imaginary) }
            let expected = Self.naiveDFT(signal)
            #expect(real.count == size / 2 + 1 && imaginary.count == size / 2 + 1)
            let limit = Self.tolerance(signal)
            var worst = 0.0
            for k in expected.indices {
                worst = max(worst, abs(Double(real[k]) - expected[k].re), abs(Double(imaginary[k]) - expected[k].im))
            }
            #expect(worst <= limit, "size \(size), \(name): largest error \(worst), allowed \(limit)")
        }
    }

    @Test(arguments: sizes) func powerSpectrumMatchesTheDFT(size: Int) throws {
        let fft = try RealFFT(size: size)
        for (name, signal) in Self.signals(size) {
            var power: [Float] = []
            signal.withUnsafeBufferPointer { fft.powerSpectrum($0, into: &power) }
            let expected = Self.naiveDFT(signal)
            #expect(power.count == size / 2 + 1)
            let limit = Self.tolerance(signal)
            var worst = 0.0
            for k in expected.indices {
                // Compare magnitudes: the error of |X| is at most that of X.
                let magnitude = (expected[k].re * expected[k].re + expected[k].im * expected[k].im).squareRoot()
                worst = max(worst, abs(Double(power[k]).squareRoot() - magnitude))
            }
            #expect(worst <= limit, "size \(size), \(name): largest error \(worst), allowed \(limit)")
        }
    }

    @Test func windowedFrameEqualsTheWindowedCopy() throws {
        let size = 1024, start = 37
        var generator = SplitMix(seed: 3)
        let samples = (0..<(size + 100)).map { _ in Float(generator.nextUnit() * 2 - 1) }
        let window = (0..<size).map { Float(0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(size))) }
        let fft = try RealFFT(size: size)
        var direct: [Float] = [], copied: [Float] = []
        samples.withUnsafeBufferPointer { s in
            window.withUnsafeBufferPointer { fft.powerSpectrum(s, from: start, windowedBy: $0, into: &direct) }
        }
        let frame = (0..<size).map { samples[start + $0] * window[$0] }
        frame.withUnsafeBufferPointer { fft.powerSpectrum($0, into: &copied) }
        #expect(direct == copied)

        var real: [Float] = [], imaginary: [Float] = [], copiedReal: [Float] = [], copiedImaginary: [Float] = []
        samples.withUnsafeBufferPointer { s in
            window.withUnsafeBufferPointer { fft.forward(s, from: start, windowedBy: $0, real: &real, imaginary: &imaginary) }
        }
        frame.withUnsafeBufferPointer { fft.forward($0, real: &copiedReal, imaginary: &copiedImaginary) }
        #expect(real == copiedReal && imaginary == copiedImaginary)
    }

    @Test func shortInputIsZeroPaddedAndLongInputCut() throws {
        let fft = try RealFFT(size: 8)
        var short: [Float] = [], padded: [Float] = []
        [Float](arrayLiteral: 1, 2, 3).withUnsafeBufferPointer { fft.powerSpectrum($0, into: &short) }
        [Float](arrayLiteral: 1, 2, 3, 0, 0, 0, 0, 0).withUnsafeBufferPointer { fft.powerSpectrum($0, into: &padded) }
        #expect(short == padded)
        var long: [Float] = []
        [Float](arrayLiteral: 1, 2, 3, 0, 0, 0, 0, 0, 9, 9).withUnsafeBufferPointer { fft.powerSpectrum($0, into: &long) }
        #expect(long == padded)
    }
}

/// A small deterministic generator (SplitMix64), so the random signal is the same every run.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func nextUnit() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
}
