/// The spectrum of one STFT frame of both channels: real and imaginary parts per bin.
struct StereoSpectrum {
    var leftReal: [Float]
    var leftImaginary: [Float]
    var rightReal: [Float]
    var rightImaginary: [Float]

    /// A spectrum of `bins` zero bins.
    init(bins: Int) {
        leftReal = [Float](repeating: 0, count: bins)
        leftImaginary = leftReal
        rightReal = leftReal
        rightImaginary = leftReal
    }

    /// The number of bins.
    var bins: Int { leftReal.count }

    /// The magnitude of both channels together, `√(|L|² + |R|²)`, per bin.
    func magnitudes(into result: inout [Float]) {
        if result.count != bins { result = [Float](repeating: 0, count: bins) }
        for k in 0..<bins {
            let power = leftReal[k] * leftReal[k] + leftImaginary[k] * leftImaginary[k]
                + rightReal[k] * rightReal[k] + rightImaginary[k] * rightImaginary[k]
            result[k] = power.squareRoot()
        }
    }

    /// How much bin `k` sounds like one source panned to the middle: the real part of the
    /// inter-channel cross-spectrum over the mean power, `2·Re(L·R̄) / (|L|² + |R|²)`, clamped
    /// to 0…1. It is 1 when both channels carry the same thing in the same phase, and falls
    /// towards 0 as a bin is panned aside or the channels are unrelated.
    func centreCoherence(_ k: Int) -> Float {
        let cross = leftReal[k] * rightReal[k] + leftImaginary[k] * rightImaginary[k]
        let power = leftReal[k] * leftReal[k] + leftImaginary[k] * leftImaginary[k]
            + rightReal[k] * rightReal[k] + rightImaginary[k] * rightImaginary[k]
        guard power > 1e-20 else { return 0 }
        return min(1, max(0, 2 * cross / power))
    }
}
