import Foundation

/// Collects, frame by frame, what the timbre and loudness-shape parts of the sound descriptor
/// need, from the power spectra the onset detector already computes (1024 points at 12 kHz,
/// 46.9 per second; no FFT of its own): 24 mel bands from 30 Hz to 5 kHz and MFCC 1–12 of their
/// logs, the spectral centroid, the flatness of the mel bands, the contrast (peak bin over mean
/// bin) of four bands, the share of energy above 2.5 kHz, and the frame's level.
///
/// About 2,000 multiply-adds a frame, 20 values kept a frame (220 kB per hour of audio).
final class TimbreFrames {
    /// Values kept per frame: 12 MFCCs, centroid, flatness, 4 contrasts, high share, level.
    static let stride = 20
    static let bandCount = 24
    static let coefficientCount = 12
    /// The index of the level (log2 of the frame's power) in a frame's values.
    static let levelIndex = 19

    private let binHz: Double
    private let lowBin: Int
    private let highBin: Int
    /// Each mel band's first bin and triangular weights.
    private let bands: [(start: Int, weights: [Float])]
    /// The cosines of the DCT-II, coefficient by band.
    private let dct: [Float]
    /// The contrast bands' bin ranges (30–200 Hz, 200–800 Hz, 800 Hz–2.5 kHz, 2.5–5 kHz).
    private let contrastBands: [Range<Int>]
    private let highShareStart: Int
    private var energies = [Float](repeating: 0, count: bandCount)
    /// `stride` values per frame, one frame after the other.
    private(set) var values: [Float] = []

    /// Prepares for spectra of `size`-point frames at `rate` Hz.
    init(frameSize size: Int, rate: Double) {
        binHz = rate / Double(size)
        let bin = { (hz: Double) in min(size / 2, Int((hz / (rate / Double(size))).rounded())) }
        lowBin = max(1, bin(30))
        highBin = bin(5_000)
        func mel(_ hz: Double) -> Double { 2595 * log10(1 + hz / 700) }
        func hz(_ mel: Double) -> Double { 700 * (pow(10, mel / 2595) - 1) }
        let edges = (0...(Self.bandCount + 1)).map { i in
            hz(mel(30) + (mel(5_000) - mel(30)) * Double(i) / Double(Self.bandCount + 1)) / (rate / Double(size))
        }
        bands = (0..<Self.bandCount).map { b in
            let left = edges[b], center = edges[b + 1], right = edges[b + 2]
            let start = max(1, Int(left.rounded(.up)))
            let end = max(start + 1, Int(right.rounded(.down)) + 1)
            let weights = (start..<end).map { k -> Float in
                let x = Double(k)
                let w = x <= center ? (x - left) / max(1e-9, center - left) : (right - x) / max(1e-9, right - center)
                return Float(max(0, w))
            }
            return (start, weights)
        }
        var cosines = [Float](repeating: 0, count: Self.coefficientCount * Self.bandCount)
        for n in 0..<Self.coefficientCount {
            for b in 0..<Self.bandCount {
                cosines[n * Self.bandCount + b] = Float(cos(Double.pi * Double(n + 1) * (Double(b) + 0.5) / Double(Self.bandCount)))
            }
        }
        dct = cosines
        contrastBands = [(30.0, 200.0), (200, 800), (800, 2_500), (2_500, 5_000)].map { max(1, bin($0.0))..<max(bin($0.0) + 1, bin($0.1)) }
        highShareStart = bin(2_500)
        values.reserveCapacity(Self.stride * 4096)
    }

    /// Measures one frame's power spectrum (`size / 2 + 1` bins).
    func add(_ power: [Float]) {
        power.withUnsafeBufferPointer { p in
            var total: Float = 0, weighted: Float = 0, high: Float = 0
            for k in lowBin..<highBin {
                total += p[k]
                weighted += Float(k) * p[k]
            }
            for k in highShareStart..<highBin { high += p[k] }
            let floor: Float = 1e-6
            for (b, band) in bands.enumerated() {
                var sum: Float = 0
                for (i, w) in band.weights.enumerated() where band.start + i < p.count { sum += w * p[band.start + i] }
                energies[b] = FastMath.log2(sum + floor)
            }
            for n in 0..<Self.coefficientCount {
                var c: Float = 0
                for b in 0..<Self.bandCount { c += dct[n * Self.bandCount + b] * energies[b] }
                values.append(c / Float(Self.bandCount))
            }
            let centroid = total > 0 ? Double(weighted / total) * binHz : 0
            values.append(Float(Foundation.log2(max(30, centroid))))
            // Flatness of the mel bands: log2 of the geometric over the arithmetic mean (≤ 0).
            var logMean: Float = 0, linearMean: Float = 0
            for e in energies {
                logMean += e
                linearMean += exp2(e)
            }
            logMean /= Float(Self.bandCount)
            linearMean /= Float(Self.bandCount)
            values.append(logMean - FastMath.log2(linearMean + floor))
            for range in contrastBands {
                var peak: Float = 0, sum: Float = 0
                for k in range {
                    peak = max(peak, p[k])
                    sum += p[k]
                }
                let mean = sum / Float(range.count)
                values.append(FastMath.log2(peak + floor) - FastMath.log2(mean + floor))
            }
            values.append(total > 0 ? high / total : 0)
            values.append(FastMath.log2(total + floor))
        }
    }

    /// How many frames were measured.
    var frameCount: Int { values.count / Self.stride }
}
