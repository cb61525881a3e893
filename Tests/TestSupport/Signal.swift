import Foundation

/// Small signal measurements for the tests.
public enum Signal {
    /// Root mean square.
    public static func rms(_ x: ArraySlice<Float>) -> Float {
        guard !x.isEmpty else { return 0 }
        return (x.reduce(Float(0)) { $0 + $1 * $1 } / Float(x.count)).squareRoot()
    }

    /// The frequency of a clean tone, from its positive-going zero crossings.
    public static func toneFrequency(_ x: ArraySlice<Float>, sampleRate: Int) -> Double {
        var crossings: [Int] = []
        var i = x.startIndex + 1
        while i < x.endIndex {
            if x[i - 1] < 0 && x[i] >= 0 { crossings.append(i) }
            i += 1
        }
        guard let first = crossings.first, let last = crossings.last, crossings.count > 2 else { return 0 }
        return Double(crossings.count - 1) * Double(sampleRate) / Double(last - first)
    }
}
