import Foundation

/// Collects, frame by frame, what the timbre and loudness-shape parts of the sound descriptor
/// need, from the power spectra the onset detector already computes (1024 points at 12 kHz,
/// 46.9 per second; no FFT of its own): 24 mel bands from 30 Hz to 5 kHz and MFCC 1–12 of their
/// logs, the spectral centroid, the flatness of the mel bands, the contrast (peak bin over mean
/// bin) of four bands, the share of energy above 2.5 kHz, and the frame's level.
///
/// Every other spectrum is measured (`every`: 23.4 frames a second are plenty for the means and
/// spreads, and halve the cost); about 2,000 multiply-adds a frame, 20 values kept a frame
/// (110 kB per hour of audio).
final class TimbreFrames {
    /// One spectrum in this many is measured.
    static let every = 2
    /// Values kept per frame: 12 MFCCs, centroid, flatness, 4 contrasts, high share, level.
    static let stride = 20
    static let bandCount = 24
    static let coefficientCount = 12
    /// The index of the level (log2 of the frame's power) in a frame's values.
    static let levelIndex = 19

    private let binHz: Double
    private let lowBin: Int
    private let highBin: Int
    /// Each mel band's first bin and number of bins, and all bands' triangular weights one
    /// band after the other (flat, so the per-frame loop touches no nested arrays).
    private let bandStarts: [Int]
    private let bandCounts: [Int]
    private let bandWeights: [Float]
    /// The cosines of the DCT-II, coefficient by band.
    private let dct: [Float]
    /// The contrast bands' bin ranges (30–200 Hz, 200–800 Hz, 800 Hz–2.5 kHz, 2.5–5 kHz).
    private let contrastBands: [Range<Int>]
    private let highShareStart: Int
    private var offered = 0
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
        let bands = (0..<Self.bandCount).map { b -> (start: Int, weights: [Float]) in
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
        bandStarts = bands.map(\.start)
        bandCounts = bands.map { min($0.weights.count, size / 2 + 1 - $0.start) }
        bandWeights = zip(bands, bandCounts).flatMap { band, count in band.weights.prefix(count) }
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
        defer { offered += 1 }
        guard offered % Self.every == 0 else { return }
        // The frame's values are written into a local row, appended at once (no per-value
        // access checks on the class's arrays).
        var row = (0..<Self.stride).map { _ in Float(0) }
        var logs = [Float](repeating: 0, count: Self.bandCount)
        let floor: Float = 1e-6
        power.withUnsafeBufferPointer { p in
            var total: Float = 0, weighted: Float = 0, high: Float = 0
            for k in lowBin..<highBin {
                let v = p[k]
                total += v
                weighted += Float(k) * v
                if k >= highShareStart { high += v }
            }
            // Mel bands: their logs (for the MFCCs and the geometric mean) and linear mean.
            var linearMean: Float = 0, logMean: Float = 0
            bandWeights.withUnsafeBufferPointer { w in
                var offset = 0
                for b in 0..<Self.bandCount {
                    let start = bandStarts[b], count = bandCounts[b]
                    var sum: Float = 0
                    for i in 0..<count { sum += w[offset + i] * p[start + i] }
                    offset += count
                    linearMean += sum
                    let value = FastMath.log2(sum + floor)
                    logs[b] = value
                    logMean += value
                }
            }
            dct.withUnsafeBufferPointer { d in
                for n in 0..<Self.coefficientCount {
                    var c: Float = 0
                    for b in 0..<Self.bandCount { c += d[n * Self.bandCount + b] * logs[b] }
                    row[n] = c / Float(Self.bandCount)
                }
            }
            let centroid = total > 0 ? Double(weighted / total) * binHz : 0
            row[12] = Float(Foundation.log2(max(30, centroid)))
            // Flatness of the mel bands: log2 of the geometric over the arithmetic mean (≤ 0).
            row[13] = logMean / Float(Self.bandCount) - FastMath.log2(linearMean / Float(Self.bandCount) + floor)
            for (j, range) in contrastBands.enumerated() {
                var peak: Float = 0, sum: Float = 0
                for k in range {
                    peak = max(peak, p[k])
                    sum += p[k]
                }
                row[14 + j] = FastMath.log2(peak + floor) - FastMath.log2(sum / Float(range.count) + floor)
            }
            row[18] = total > 0 ? high / total : 0
            row[Self.levelIndex] = FastMath.log2(total + floor)
        }
        values.append(contentsOf: row)
    }

    /// How many frames were measured.
    var frameCount: Int { values.count / Self.stride }
}
