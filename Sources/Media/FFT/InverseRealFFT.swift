import CFFmpeg

/// An inverse complex-to-real FFT of a fixed size through libavutil's `av_tx`, normalised so that
/// it undoes ``RealFFT/forward(_:real:imaginary:)`` exactly.
///
/// Not thread-safe: give each thread its own. Reuses its aligned buffers between calls.
public final class InverseRealFFT {
    /// The transform size (number of real output samples).
    public let size: Int
    /// The number of complex bins in: `size / 2 + 1`.
    public var binCount: Int { size / 2 + 1 }
    private var context: OpaquePointer?
    private let transform: av_tx_fn
    private let input: UnsafeMutablePointer<AVComplexFloat>
    private let output: UnsafeMutablePointer<Float>

    /// Creates a transform of `size` points (even; powers of two are fastest).
    public init(size: Int) throws(MediaError) {
        precondition(size >= 2 && size % 2 == 0, "FFT size must be even")
        self.size = size
        var ctx: OpaquePointer?
        var fn: av_tx_fn?
        var scale = 1 / Float(size)
        try avCheck(av_tx_init(&ctx, &fn, AV_TX_FLOAT_RDFT, 1, Int32(size), &scale, 0), "av_tx_init(inverse \(size))")
        guard let fn, let inputRaw = av_mallocz((size / 2 + 1) * MemoryLayout<AVComplexFloat>.stride + 64),
              let outputRaw = av_mallocz(size * MemoryLayout<Float>.stride + 64) else {
            av_tx_uninit(&ctx)
            throw .internal("av_tx_init", "out of memory")
        }
        context = ctx
        transform = fn
        input = inputRaw.bindMemory(to: AVComplexFloat.self, capacity: size / 2 + 9)
        output = outputRaw.bindMemory(to: Float.self, capacity: size + 16)
    }

    deinit {
        av_tx_uninit(&context)
        av_free(input)
        av_free(output)
    }

    /// Transforms bins `0...size/2` given by their real and imaginary parts (missing bins are
    /// zero) and writes the `size` real samples into `samples`.
    public func inverse(real: [Float], imaginary: [Float], into samples: inout [Float]) {
        let n = min(binCount, real.count, imaginary.count)
        for k in 0..<n { input[k] = AVComplexFloat(re: real[k], im: imaginary[k]) }
        for k in n..<binCount { input[k] = AVComplexFloat(re: 0, im: 0) }
        // The imaginary parts of DC and Nyquist carry nothing for a real signal.
        input[0].im = 0
        input[binCount - 1].im = 0
        transform(context, output, input, MemoryLayout<AVComplexFloat>.stride)
        if samples.count != size { samples = [Float](repeating: 0, count: size) }
        samples.withUnsafeMutableBufferPointer { destination in
            guard let base = destination.baseAddress else { return }
            base.update(from: output, count: size)
        }
    }
}
