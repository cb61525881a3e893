import Foundation

/// A periodic Hann window of a given length.
enum HannWindow {
    /// The `count` window coefficients.
    static func make(_ count: Int) -> [Float] {
        (0..<count).map { Float(0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(count))) }
    }
}
