/// Four `Float` lanes as four separate scalars, for recursive filters run on four stretches of a
/// signal side by side.
///
/// Not `SIMD4<Float>`: Swift lowers floating-point SIMD arithmetic to per-lane scalar code, and
/// around loop-carried values (filter histories) LLVM's SLP vectoriser re-packs it into partial
/// vectors with shuffles, slower than scalar code. Four plain scalars with identical arithmetic
/// are turned into one SSE register per value, with no shuffles.
struct FloatLanes {
    var a: Float, b: Float, c: Float, d: Float

    @inline(__always)
    init(_ a: Float, _ b: Float, _ c: Float, _ d: Float) {
        self.a = a
        self.b = b
        self.c = c
        self.d = d
    }

    /// The same value in all four lanes.
    @inline(__always)
    init(repeating value: Float) {
        self.init(value, value, value, value)
    }

    /// Zero in all four lanes.
    static let zero = FloatLanes(repeating: 0)

    @inline(__always)
    static func + (x: FloatLanes, y: FloatLanes) -> FloatLanes {
        FloatLanes(x.a + y.a, x.b + y.b, x.c + y.c, x.d + y.d)
    }

    @inline(__always)
    static func - (x: FloatLanes, y: FloatLanes) -> FloatLanes {
        FloatLanes(x.a - y.a, x.b - y.b, x.c - y.c, x.d - y.d)
    }

    @inline(__always)
    static func * (x: FloatLanes, y: FloatLanes) -> FloatLanes {
        FloatLanes(x.a * y.a, x.b * y.b, x.c * y.c, x.d * y.d)
    }
}
