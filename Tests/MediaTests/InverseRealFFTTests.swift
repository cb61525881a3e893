import Foundation
import Media
import Testing

/// The inverse FFT undoes the forward one.
@Suite struct InverseRealFFTTests {
    @Test func inverseRestoresTheSignal() throws {
        let size = 512
        let signal: [Float] = (0..<size).map { n in
            let x = Double(n)
            let tones = 0.5 * sin(x * 0.37) + 0.25 * cos(x * 1.9)
            return Float(tones) + (n == 17 ? 0.8 : 0)
        }
        let forward = try RealFFT(size: size)
        let inverse = try InverseRealFFT(size: size)
        var real: [Float] = []
        var imaginary: [Float] = []
        signal.withUnsafeBufferPointer { forward.forward($0, real: &real, imaginary: &imaginary) }
        var back: [Float] = []
        inverse.inverse(real: real, imaginary: imaginary, into: &back)
        #expect(back.count == size)
        let error = zip(signal, back).map { abs($0 - $1) }.max() ?? 1
        #expect(error < 1e-5, "largest difference \(error)")
    }
}
