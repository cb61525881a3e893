#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// Cheap approximations and vector loops for the per-bin inner loops of the analysis, where libm
/// calls and scalar code would cost more than the FFTs.
enum FastMath {
    /// The square roots of eight values, correctly rounded like `Float.squareRoot()`. On x86-64
    /// `SIMD8<Float>.squareRoot()` becomes eight scalar square roots, each behind a branch to
    /// libm's `sqrtf` for negative inputs (errno), and the shuffles between them; SSE's `sqrtps`
    /// does four at once with the same IEEE result.
    @inline(__always)
    static func squareRoot(_ x: SIMD8<Float>) -> SIMD8<Float> {
        #if arch(x86_64)
        return SIMD8(lowHalf: _mm_sqrt_ps(x.lowHalf), highHalf: _mm_sqrt_ps(x.highHalf))
        #else
        return x.squareRoot()
        #endif
    }

    /// log2(x) for x > 0, within about 1e-4 (exponent bits plus a quartic for the mantissa).
    @inline(__always)
    static func log2(_ x: Float) -> Float {
        let bits = x.bitPattern
        let exponent = Float(Int32(bitPattern: (bits >> 23) & 0xFF) - 127)
        let m = Float(bitPattern: (bits & 0x007F_FFFF) | 0x3F80_0000)
        let p1: Float = 0.44717955 - 0.056570851 * m
        let p2: Float = -1.4699568 + p1 * m
        let p3: Float = 2.8212026 + p2 * m
        // The quartic approximates ln(m) on [1, 2); scale it to log2.
        return exponent + (-1.7417939 + p3 * m) * 1.44269504
    }

    /// `x.rounded(.down)`, bit for bit (also for −0 and integers), without the libm call the
    /// baseline x86-64 target makes for it (no SSE4.1 `roundss`): for |x| < 2²² adding and
    /// subtracting 1.5·2²³ rounds to the nearest integer, and one step down fixes a round-up.
    @inline(__always)
    static func floor(_ x: Float) -> Float {
        let magic: Float = 12_582_912
        guard abs(x) < 4_194_304 else { return x.rounded(.down) }
        let nearest = (x + magic) - magic
        if nearest == x { return x }
        return nearest > x ? nearest - 1 : nearest
    }

    /// `log2` of eight positive values at once, the same approximation as the scalar one.
    @inline(__always)
    static func log2(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let bits = unsafeBitCast(x, to: SIMD8<UInt32>.self)
        // (e | 0x4B000000) read as a float is 2²³ + e: the exponent without an int conversion.
        let biased = unsafeBitCast((bits &>> 23) | 0x4B00_0000, to: SIMD8<Float>.self)
        let exponent = biased - SIMD8<Float>(repeating: 8_388_608 + 127)
        let m = unsafeBitCast((bits & 0x007F_FFFF) | 0x3F80_0000, to: SIMD8<Float>.self)
        let p1 = 0.44717955 - 0.056570851 * m
        let p2 = -1.4699568 + p1 * m
        let p3 = 2.8212026 + p2 * m
        return exponent + (-1.7417939 + p3 * m) * 1.44269504
    }

    /// The largest of `values` (0 when empty or all negative), with eight running maxima that
    /// the compiler keeps in two SSE registers instead of one serial compare chain.
    static func maximum(_ values: UnsafeBufferPointer<Float>) -> Float {
        var m0: Float = 0, m1: Float = 0, m2: Float = 0, m3: Float = 0
        var m4: Float = 0, m5: Float = 0, m6: Float = 0, m7: Float = 0
        var i = 0
        let count = values.count
        while i + 8 <= count {
            let v0 = values[i], v1 = values[i + 1], v2 = values[i + 2], v3 = values[i + 3]
            let v4 = values[i + 4], v5 = values[i + 5], v6 = values[i + 6], v7 = values[i + 7]
            m0 = v0 > m0 ? v0 : m0; m1 = v1 > m1 ? v1 : m1; m2 = v2 > m2 ? v2 : m2; m3 = v3 > m3 ? v3 : m3
            m4 = v4 > m4 ? v4 : m4; m5 = v5 > m5 ? v5 : m5; m6 = v6 > m6 ? v6 : m6; m7 = v7 > m7 ? v7 : m7
            i += 8
        }
        var m = Swift.max(Swift.max(Swift.max(m0, m1), Swift.max(m2, m3)), Swift.max(Swift.max(m4, m5), Swift.max(m6, m7)))
        while i < count {
            if values[i] > m { m = values[i] }
            i += 1
        }
        return m
    }

    /// `Σ a[i]·b[lag + i]` for i in 0..<count (the caller keeps both ranges inside the buffers),
    /// with four SIMD4 accumulators: the lagged products of the correlations in `TempoEstimator`
    /// and `Backbeat`, which a scalar loop cannot vectorise (the sum's order is fixed).
    static func dot(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>, lag: Int, count: Int) -> Double {
        guard count > 0, let aBase = a.baseAddress, let bBase = b.baseAddress else { return 0 }
        let ar = UnsafeRawPointer(aBase), br = UnsafeRawPointer(bBase + lag)
        let stride = MemoryLayout<Double>.stride
        var s0 = SIMD4<Double>(), s1 = SIMD4<Double>(), s2 = SIMD4<Double>(), s3 = SIMD4<Double>()
        var i = 0
        while i + 16 <= count {
            let o = i * stride
            s0 += ar.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self)
                * br.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self)
            s1 += ar.loadUnaligned(fromByteOffset: o + 4 * stride, as: SIMD4<Double>.self)
                * br.loadUnaligned(fromByteOffset: o + 4 * stride, as: SIMD4<Double>.self)
            s2 += ar.loadUnaligned(fromByteOffset: o + 8 * stride, as: SIMD4<Double>.self)
                * br.loadUnaligned(fromByteOffset: o + 8 * stride, as: SIMD4<Double>.self)
            s3 += ar.loadUnaligned(fromByteOffset: o + 12 * stride, as: SIMD4<Double>.self)
                * br.loadUnaligned(fromByteOffset: o + 12 * stride, as: SIMD4<Double>.self)
            i += 16
        }
        var sum = ((s0 + s1) + (s2 + s3)).sum()
        while i < count {
            sum += a[i] * b[lag + i]
            i += 1
        }
        return sum
    }
}
