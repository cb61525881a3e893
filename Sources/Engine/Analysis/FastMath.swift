/// Cheap approximations for the per-bin inner loops of the analysis, where libm calls would
/// cost more than the FFTs.
enum FastMath {
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
}
