import Media

/// Cuts a stereo stream into Hann-windowed frames of `fftSize` samples every `hop` samples and
/// transforms each with Media's FFT.
///
/// The stream is preceded by `fftSize − hop` zeros, so the first frame ends with the first hop
/// of the signal and every sample lies in `fftSize / hop` frames (which `OverlapAdd` relies on
/// to give back a stream aligned with the input).
final class SpectrumAnalyzer {
    let fftSize: Int
    let hop: Int
    private let fft: RealFFT
    private let window: [Float]
    private var left: [Float]
    private var right: [Float]
    private var position = 0
    private var spectrum: StereoSpectrum

    init(fftSize: Int, hop: Int) throws(MediaError) {
        self.fftSize = fftSize
        self.hop = hop
        fft = try RealFFT(size: fftSize)
        window = HannWindow.make(fftSize)
        left = [Float](repeating: 0, count: fftSize - hop)
        right = left
        spectrum = StereoSpectrum(bins: fftSize / 2 + 1)
    }

    /// Appends samples (non-finite ones become silence) and calls `body` with the spectrum of
    /// every frame that is complete.
    func push(left newLeft: [Float], right newRight: [Float], _ body: (StereoSpectrum) throws -> Void) rethrows {
        left.append(contentsOf: newLeft.lazy.map { $0.isFinite ? $0 : 0 })
        right.append(contentsOf: newRight.lazy.map { $0.isFinite ? $0 : 0 })
        while left.count - position >= fftSize {
            // A local copy: the two parts of one property cannot both be passed inout.
            var next = spectrum
            window.withUnsafeBufferPointer { w in
                left.withUnsafeBufferPointer {
                    fft.forward($0, from: position, windowedBy: w, real: &next.leftReal, imaginary: &next.leftImaginary)
                }
                right.withUnsafeBufferPointer {
                    fft.forward($0, from: position, windowedBy: w, real: &next.rightReal, imaginary: &next.rightImaginary)
                }
            }
            spectrum = next
            position += hop
            try body(next)
        }
        // Drop what no later frame needs, now and then rather than on every hop.
        if position >= 16 * fftSize {
            left.removeFirst(position)
            right.removeFirst(position)
            position = 0
        }
    }
}
