import CFFmpeg

/// A forward real-to-complex FFT of a fixed size through libavutil's `av_tx`.
///
/// Not thread-safe: give each thread its own. Reuses its aligned buffers between calls.
public final class RealFFT {
    /// The transform size (number of real input samples).
    public let size: Int
    /// The number of complex bins out: `size / 2 + 1`.
    public var binCount: Int { size / 2 + 1 }
    private var context: OpaquePointer?
    private let transform: av_tx_fn
    private let input: UnsafeMutablePointer<Float>
    private let output: UnsafeMutablePointer<AVComplexFloat>

    /// Creates a transform of `size` points (even; powers of two are fastest).
    public init(size: Int) throws(MediaError) {
        precondition(size >= 2 && size % 2 == 0, "FFT size must be even")
        self.size = size
        var ctx: OpaquePointer?
        var fn: av_tx_fn?
        var scale: Float = 1
        try avCheck(av_tx_init(&ctx, &fn, AV_TX_FLOAT_RDFT, 0, Int32(size), &scale, 0), "av_tx_init(\(size))")
        guard let fn, let inputRaw = av_mallocz(size * MemoryLayout<Float>.stride + 64),
              let outputRaw = av_mallocz((size / 2 + 1) * MemoryLayout<AVComplexFloat>.stride + 64) else {
            av_tx_uninit(&ctx)
            throw .internal("av_tx_init", "out of memory")
        }
        context = ctx
        transform = fn
        input = inputRaw.bindMemory(to: Float.self, capacity: size + 16)
        output = outputRaw.bindMemory(to: AVComplexFloat.self, capacity: size / 2 + 9)
    }

    deinit {
        av_tx_uninit(&context)
        av_free(input)
        av_free(output)
    }

    /// Transforms `samples` (zero-padded or cut to `size`) and writes the power spectrum
    /// `re² + im²` of bins `0...size/2` into `power`.
    public func powerSpectrum(_ samples: UnsafeBufferPointer<Float>, into power: inout [Float]) {
        run(samples)
        if power.count != binCount { power = [Float](repeating: 0, count: binCount) }
        for k in 0..<binCount {
            let c = output[k]
            power[k] = c.re * c.re + c.im * c.im
        }
    }

    /// Transforms `samples` and writes the real and imaginary parts of bins `0...size/2`.
    public func forward(_ samples: UnsafeBufferPointer<Float>, real: inout [Float], imaginary: inout [Float]) {
        run(samples)
        if real.count != binCount { real = [Float](repeating: 0, count: binCount) }
        if imaginary.count != binCount { imaginary = [Float](repeating: 0, count: binCount) }
        for k in 0..<binCount {
            real[k] = output[k].re
            imaginary[k] = output[k].im
        }
    }

    private func run(_ samples: UnsafeBufferPointer<Float>) {
        let n = min(samples.count, size)
        if let base = samples.baseAddress { input.update(from: base, count: n) }
        if n < size { (input + n).update(repeating: 0, count: size - n) }
        transform(context, output, input, MemoryLayout<Float>.stride)
    }
}
