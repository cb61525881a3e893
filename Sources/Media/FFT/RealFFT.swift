import CFFmpeg
import Foundation

/// A forward real-to-complex FFT of a fixed size through libavutil's `av_tx`.
///
/// The `size` real samples are read as `size / 2` complex values (even samples the real parts,
/// odd samples the imaginary parts) by an `AV_TX_FLOAT_FFT` of `size / 2` points; a split step of
/// our own turns that half-size spectrum Z into the real signal's bins,
/// `X[k] = E[k] + e^(−2πik/size)·O[k]` with `E[k] = (Z[k] + conj Z[size/2 − k]) / 2` and
/// `O[k] = (Z[k] − conj Z[size/2 − k]) / 2i`. (libavutil 57's own `AV_TX_FLOAT_RDFT` does the same
/// step in scalar C, which cost more than the complex FFT itself; written over plain `Float`
/// pointers, ours is vectorised by the compiler.) The output is unnormalised, as a plain DFT.
///
/// Not thread-safe: give each thread its own. Reuses its aligned buffers between calls.
public final class RealFFT {
    /// The transform size (number of real input samples).
    public let size: Int
    /// The number of complex bins out: `size / 2 + 1`.
    public var binCount: Int { size / 2 + 1 }
    /// `size / 2`: the length of the complex FFT underneath.
    private let half: Int
    private var context: OpaquePointer?
    /// The complex FFT; nil when `half` is 1 (a one-point FFT is the identity).
    private let transform: av_tx_fn?
    /// The real input, `size` floats (plus padding), read by the complex FFT as `half` pairs.
    private let input: UnsafeMutablePointer<Float>
    /// The complex FFT's output Z, `half` interleaved (re, im) pairs.
    private let spectrum: UnsafeMutablePointer<Float>
    /// `cos(2πk/size)` and `−sin(2πk/size)` for `k` in `0..<half`: the split step's twiddles.
    private let cosines: UnsafeMutablePointer<Float>
    private let sines: UnsafeMutablePointer<Float>

    /// Creates a transform of `size` points (even; powers of two are fastest).
    public init(size: Int) throws(MediaError) {
        precondition(size >= 2 && size % 2 == 0, "FFT size must be even")
        self.size = size
        half = size / 2
        var ctx: OpaquePointer?
        var fn: av_tx_fn?
        if half > 1 {
            var scale: Float = 1
            try avCheck(av_tx_init(&ctx, &fn, AV_TX_FLOAT_FFT, 0, Int32(half), &scale, 0), "av_tx_init(\(half))")
            guard fn != nil else {
                av_tx_uninit(&ctx)
                throw .internal("av_tx_init", "no transform")
            }
        }
        guard let inputRaw = av_mallocz(size * MemoryLayout<Float>.stride + 64),
              let spectrumRaw = av_mallocz(size * MemoryLayout<Float>.stride + 64) else {
            av_tx_uninit(&ctx)
            throw .internal("av_tx_init", "out of memory")
        }
        context = ctx
        transform = fn
        input = inputRaw.bindMemory(to: Float.self, capacity: size + 16)
        spectrum = spectrumRaw.bindMemory(to: Float.self, capacity: size + 16)
        cosines = .allocate(capacity: half)
        sines = .allocate(capacity: half)
        for k in 0..<half {
            let angle = 2 * Double.pi * Double(k) / Double(size)
            cosines[k] = Float(Foundation.cos(angle))
            sines[k] = Float(-Foundation.sin(angle))
        }
    }

    deinit {
        av_tx_uninit(&context)
        av_free(input)
        av_free(spectrum)
        cosines.deallocate()
        sines.deallocate()
    }

    /// Transforms `samples` (zero-padded or cut to `size`) and writes the power spectrum
    /// `re² + im²` of bins `0...size/2` into `power`.
    public func powerSpectrum(_ samples: UnsafeBufferPointer<Float>, into power: inout [Float]) {
        load(samples)
        transformAndSplitPower(into: &power)
    }

    /// Multiplies `samples[start ..< start + size]` by `window` (`size` values) straight into the
    /// transform's input, transforms it and writes the power spectrum `re² + im²` of bins
    /// `0...size/2` into `power`: a windowed frame without a copy of its own.
    public func powerSpectrum(_ samples: UnsafeBufferPointer<Float>, from start: Int,
                              windowedBy window: UnsafeBufferPointer<Float>, into power: inout [Float]) {
        loadWindowed(samples, from: start, by: window)
        transformAndSplitPower(into: &power)
    }

    private func transformAndSplitPower(into power: inout [Float]) {
        transformInput()
        if power.count != binCount { power = [Float](repeating: 0, count: binCount) }
        power.withUnsafeMutableBufferPointer { out in
            guard let p = out.baseAddress else { return }
            let z = UnsafePointer(spectrum), c = UnsafePointer(cosines), s = UnsafePointer(sines)
            let m = half
            p[0] = (z[0] + z[1]) * (z[0] + z[1])
            p[m] = (z[0] - z[1]) * (z[0] - z[1])
            Self.splitPower(lower: p, upper: p, z, m, c, s)
            if m % 2 == 0 {
                let (re, im) = Self.bin(m / 2, z, m, c, s)
                p[m / 2] = re * re + im * im
            }
        }
    }

    /// Transforms `samples` and writes the real and imaginary parts of bins `0...size/2`.
    public func forward(_ samples: UnsafeBufferPointer<Float>, real: inout [Float], imaginary: inout [Float]) {
        load(samples)
        transformAndSplit(real: &real, imaginary: &imaginary)
    }

    /// Multiplies `samples[start ..< start + size]` by `window` (`size` values) straight into the
    /// transform's input, transforms it and writes the real and imaginary parts of bins
    /// `0...size/2`: a windowed frame without a copy of its own.
    public func forward(_ samples: UnsafeBufferPointer<Float>, from start: Int, windowedBy window: UnsafeBufferPointer<Float>,
                        real: inout [Float], imaginary: inout [Float]) {
        loadWindowed(samples, from: start, by: window)
        transformAndSplit(real: &real, imaginary: &imaginary)
    }

    private func transformAndSplit(real: inout [Float], imaginary: inout [Float]) {
        transformInput()
        if real.count != binCount { real = [Float](repeating: 0, count: binCount) }
        if imaginary.count != binCount { imaginary = [Float](repeating: 0, count: binCount) }
        real.withUnsafeMutableBufferPointer { realOut in
            imaginary.withUnsafeMutableBufferPointer { imaginaryOut in
                guard let r = realOut.baseAddress, let i = imaginaryOut.baseAddress else { return }
                let z = UnsafePointer(spectrum), c = UnsafePointer(cosines), s = UnsafePointer(sines)
                let m = half
                r[0] = z[0] + z[1]
                i[0] = 0
                r[m] = z[0] - z[1]
                i[m] = 0
                var k = 1
                while k < m {
                    let (re, im) = Self.bin(k, z, m, c, s)
                    r[k] = re
                    i[k] = im
                    k += 1
                }
            }
        }
    }

    /// Writes the power of bins `1...(m − 1) / 2` into `lower` and of bins `m − (m − 1) / 2 ..< m`
    /// into `upper` (the same buffer: two arguments, and not inlined, so that the compiler checks
    /// at run time that the two ranges do not overlap and vectorises the loop, instead of giving
    /// up on stores that run towards each other).
    ///
    /// Bins `k` and `j = m − k` come from the same two values of Z: with `t = w[k]·O[k]`,
    /// `X[k] = E[k] + t` and `X[j] = conj(E[k]) + (−t.re, t.im)`, since `w[j] = (−w[k].re, w[k].im)`
    /// and `O[j] = conj O[k]`. E and O are left at twice their value and the power scaled by ¼
    /// (exact in binary floating point).
    @inline(never)
    private static func splitPower(lower: UnsafeMutablePointer<Float>, upper: UnsafeMutablePointer<Float>,
                                   _ z: UnsafePointer<Float>, _ m: Int,
                                   _ c: UnsafePointer<Float>, _ s: UnsafePointer<Float>) {
        let pairs = (m &- 1) / 2
        var k = 1
        while k <= pairs {
            let j = m &- k
            let ar = z[2 &* k], ai = z[2 &* k &+ 1]
            let br = z[2 &* j], bi = z[2 &* j &+ 1]
            let er = ar + br, ei = ai - bi
            let or = ai + bi, oi = br - ar
            let wr = c[k], wi = s[k]
            let tr = wr * or - wi * oi, ti = wr * oi + wi * or
            let xr = er + tr, xi = ei + ti
            let yr = er - tr, yi = ti - ei
            lower[k] = 0.25 * (xr * xr + xi * xi)
            upper[j] = 0.25 * (yr * yr + yi * yi)
            k &+= 1
        }
    }

    /// Bin `k` (`1 ≤ k < m`) of the real signal from the half-size spectrum `z` (`m` pairs).
    @inline(__always)
    private static func bin(_ k: Int, _ z: UnsafePointer<Float>, _ m: Int,
                            _ c: UnsafePointer<Float>, _ s: UnsafePointer<Float>) -> (Float, Float) {
        let ar = z[2 * k], ai = z[2 * k + 1]
        let br = z[2 * (m - k)], bi = z[2 * (m - k) + 1]
        // E = (a + conj b) / 2, O = (a − conj b) / 2i.
        let er = 0.5 * (ar + br), ei = 0.5 * (ai - bi)
        let or = 0.5 * (ai + bi), oi = 0.5 * (br - ar)
        let wr = c[k], wi = s[k]
        return (er + (wr * or - wi * oi), ei + (wr * oi + wi * or))
    }

    /// `destination[i] = source[i] · window[i]` for `i < count` (not inlined, so the compiler
    /// vectorises it behind a run-time overlap check).
    @inline(never)
    private static func multiply(_ source: UnsafePointer<Float>, _ window: UnsafePointer<Float>,
                                 into destination: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i < count {
            destination[i] = source[i] * window[i]
            i &+= 1
        }
    }

    /// Writes `samples[start ..< start + size] · window` into the input.
    private func loadWindowed(_ samples: UnsafeBufferPointer<Float>, from start: Int, by window: UnsafeBufferPointer<Float>) {
        precondition(start >= 0 && start + size <= samples.count && window.count == size,
                     "the frame must lie inside the samples and the window must have the transform's size")
        guard let source = samples.baseAddress, let weights = window.baseAddress else { return }
        Self.multiply(source + start, weights, into: input, count: size)
    }

    /// Copies `samples` into the input, zero-padded or cut to `size`.
    private func load(_ samples: UnsafeBufferPointer<Float>) {
        let n = min(samples.count, size)
        if let base = samples.baseAddress { input.update(from: base, count: n) }
        if n < size { (input + n).update(repeating: 0, count: size - n) }
    }

    /// Runs the complex FFT of the input into `spectrum`.
    private func transformInput() {
        if let transform {
            transform(context, UnsafeMutableRawPointer(spectrum), UnsafeMutableRawPointer(input),
                      MemoryLayout<AVComplexFloat>.stride)
        } else {
            spectrum.update(from: input, count: size)
        }
    }
}
