import Media

/// Turns masked spectra back into a stereo stream: inverse FFT, Hann synthesis window,
/// overlap-add, normalised for the window pair at the hop of `SpectrumAnalyzer`.
///
/// After frame `j` is added, the output is complete up to sample `(j + 1)·hop` of the padded
/// stream the analyzer framed (its `fftSize − hop` leading zeros first): drop those many samples
/// and sample `n` out is sample `n` in.
final class OverlapAdd {
    let fftSize: Int
    let hop: Int
    private let inverse: InverseRealFFT
    private let window: [Float]
    private let gain: Float
    private var left: [Float]
    private var right: [Float]
    private var frame: [Float]
    private var real: [Float]
    private var imaginary: [Float]
    /// Completed samples not yet taken.
    private(set) var ready = 0

    init(fftSize: Int, hop: Int) throws(MediaError) {
        self.fftSize = fftSize
        self.hop = hop
        inverse = try InverseRealFFT(size: fftSize)
        window = HannWindow.make(fftSize)
        // Σ w² over the frames covering a sample is the same for every sample: divide by it.
        var sum: Float = 0
        var n = 0
        while n < fftSize { sum += window[n] * window[n]; n += hop }
        gain = sum > 0 ? 1 / sum : 1
        left = [Float](repeating: 0, count: fftSize)
        right = left
        frame = left
        real = [Float](repeating: 0, count: fftSize / 2 + 1)
        imaginary = real
    }

    /// Adds the next frame, given as the spectrum times a real mask per bin.
    func add(_ spectrum: StereoSpectrum, mask: [Float]) {
        let start = left.count - fftSize
        addChannel(spectrum.leftReal, spectrum.leftImaginary, mask: mask, into: &left, at: start)
        addChannel(spectrum.rightReal, spectrum.rightImaginary, mask: mask, into: &right, at: start)
        // The next frame starts a hop later; its last hop is new.
        ready += hop
        left.append(contentsOf: repeatElement(0, count: hop))
        right.append(contentsOf: repeatElement(0, count: hop))
    }

    /// Takes the completed samples (at most `limit`) out of the buffer.
    func take(limit: Int = .max) -> (left: [Float], right: [Float]) {
        let count = min(ready, limit)
        let outLeft = Array(left[0..<count])
        let outRight = Array(right[0..<count])
        left.removeFirst(count)
        right.removeFirst(count)
        ready -= count
        return (outLeft, outRight)
    }

    private func addChannel(_ re: [Float], _ im: [Float], mask: [Float], into output: inout [Float], at start: Int) {
        for k in 0..<real.count {
            real[k] = re[k] * mask[k]
            imaginary[k] = im[k] * mask[k]
        }
        inverse.inverse(real: real, imaginary: imaginary, into: &frame)
        let gain = self.gain
        output.withUnsafeMutableBufferPointer { out in
            for n in 0..<fftSize { out[start + n] += frame[n] * window[n] * gain }
        }
    }
}
