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
    /// Each mel band's first bin and number of bins, and all bands' triangular weights one
    /// band after the other (flat, so the per-frame loop touches no nested arrays).
    private let bandStarts: [Int]
    private let bandCounts: [Int]
    private let bandWeights: [Float]
    /// The cosines of the DCT-II, coefficient by band.
    private let dct: [Float]
    /// The edges of the contrast bands (30–200 Hz, 200–800 Hz, 800 Hz–2.5 kHz, 2.5–5 kHz) in
    /// bins: they tile the measured range, from the first edge to the last, and the last band
    /// is the energy above 2.5 kHz.
    private let contrastEdges: [Int]
    private var offered = 0
    /// The mel bands' logs of the frame being measured (scratch).
    private var logs = [Float](repeating: 0, count: bandCount)
    /// `stride` values per frame, one frame after the other.
    private(set) var values: [Float] = []

    /// Prepares for spectra of `size`-point frames at `rate` Hz.
    init(frameSize size: Int, rate: Double) {
        binHz = rate / Double(size)
        let bin = { (hz: Double) in min(size / 2, Int((hz / (rate / Double(size))).rounded())) }
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
        var contrastEdges = [max(1, bin(30))]
        for hz in [200.0, 800, 2_500, 5_000] {
            contrastEdges.append(max((contrastEdges.last ?? 0) + 1, bin(hz)))
        }
        self.contrastEdges = contrastEdges
        values.reserveCapacity(Self.stride * 4096)
    }

    /// Measures one frame's power spectrum (`size / 2 + 1` bins).
    ///
    /// One pass over the bins from 30 Hz to 5 kHz, band by contrast band, gives the total, the
    /// centroid's weighted sum, each band's peak and sum, and the energy above 2.5 kHz (the
    /// last band's sum); every sum adds its bins in ascending order.
    func add(_ power: [Float]) {
        defer { offered += 1 }
        guard offered % Self.every == 0 else { return }
        let first = values.count
        values.append(contentsOf: repeatElement(0, count: Self.stride))
        let floor: Float = 1e-6
        power.withUnsafeBufferPointer { p in
        values.withUnsafeMutableBufferPointer { all in
        logs.withUnsafeMutableBufferPointer { logs in
        contrastEdges.withUnsafeBufferPointer { edges in
            let row = UnsafeMutableBufferPointer(rebasing: all[first..<(first + Self.stride)])
            var total: Float = 0, weighted: Float = 0, high: Float = 0
            for j in 0..<(edges.count - 1) {
                var peak: Float = 0, sum: Float = 0
                for k in edges[j]..<edges[j + 1] {
                    let v = p[k]
                    total += v
                    weighted += Float(k) * v
                    peak = max(peak, v)
                    sum += v
                }
                let count = edges[j + 1] - edges[j]
                row[14 + j] = FastMath.log2(peak + floor) - FastMath.log2(sum / Float(count) + floor)
                if j == edges.count - 2 { high = sum }
            }
            // Mel bands: their logs (for the MFCCs and the geometric mean) and linear mean.
            var linearMean: Float = 0, logMean: Float = 0
            bandWeights.withUnsafeBufferPointer { w in
            bandStarts.withUnsafeBufferPointer { starts in
            bandCounts.withUnsafeBufferPointer { counts in
                var offset = 0
                for b in 0..<Self.bandCount {
                    let start = starts[b], count = counts[b]
                    var sum: Float = 0
                    for i in 0..<count { sum += w[offset + i] * p[start + i] }
                    offset += count
                    linearMean += sum
                    let value = FastMath.log2(sum + floor)
                    logs[b] = value
                    logMean += value
                }
            }
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
            row[18] = total > 0 ? high / total : 0
            row[Self.levelIndex] = FastMath.log2(total + floor)
        }
        }
        }
        }
    }

    /// How many frames were measured.
    var frameCount: Int { values.count / Self.stride }
}
