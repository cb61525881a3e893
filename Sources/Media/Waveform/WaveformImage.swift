import Model

/// Draws a waveform picture from peaks: a mirrored min/max envelope over a dark
/// background with a faint centre line, as RGB pixels.
public struct WaveformImage: Sendable {
    /// Width in pixels (1800 for `waveform.png`).
    public var width: Int
    /// Height in pixels (280 for `waveform.png`).
    public var height: Int
    /// Background colour.
    public var background: (UInt8, UInt8, UInt8) = (17, 17, 27)
    /// Waveform colour.
    public var foreground: (UInt8, UInt8, UInt8) = (255, 94, 135)
    /// Centre line colour.
    public var axis: (UInt8, UInt8, UInt8) = (60, 60, 80)

    /// Creates a renderer of the given size.
    public init(width: Int = 1800, height: Int = 280) {
        self.width = width
        self.height = height
    }

    /// RGB24 pixels of the waveform of `level` (its bins spread over the width).
    public func render(_ level: PeakLevel) -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for i in 0..<(width * height) {
            pixels[3 * i] = background.0
            pixels[3 * i + 1] = background.1
            pixels[3 * i + 2] = background.2
        }
        let mid = height / 2
        for x in 0..<width { put(&pixels, x, mid, axis) }
        let bins = level.binCount
        guard bins > 0 else { return pixels }
        let half = Float(height - 1) / 2
        for x in 0..<width {
            let first = x * bins / width
            let last = Swift.max(first, (x + 1) * bins / width - 1)
            var low: Float = 0, high: Float = 0
            for b in first...Swift.min(last, bins - 1) {
                low = Swift.min(low, level.min[b])
                high = Swift.max(high, level.max[b])
            }
            let top = Int((half - high * half).rounded())
            let bottom = Int((half - low * half).rounded())
            for y in Swift.max(0, top)...Swift.min(height - 1, Swift.max(top, bottom)) { put(&pixels, x, y, foreground) }
        }
        return pixels
    }

    private func put(_ pixels: inout [UInt8], _ x: Int, _ y: Int, _ c: (UInt8, UInt8, UInt8)) {
        let i = (y * width + x) * 3
        pixels[i] = c.0
        pixels[i + 1] = c.1
        pixels[i + 2] = c.2
    }
}
