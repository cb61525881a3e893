import Foundation
import Media

/// Accumulates a fine pitch-class histogram (10 cents per bin, 120 bins per octave) from the
/// 12 kHz mono stream, so the tuning can be estimated after the pass and the histogram folded
/// into a tuning-corrected 12-bin chroma.
///
/// Per 4096-point frame (341 ms, hop 171 ms): spectral peaks between 60 Hz and 1.5 kHz
/// (local maxima within 60 dB of the frame's strongest bin), refined by parabolic interpolation
/// of the log magnitude, weighted by their magnitude; each peak also votes for the pitch of which
/// it would be the 2nd and 3rd harmonic (weights 0.6 and 0.36), HPCP-style, so the fifth
/// that every note's third partial adds does not pull the chroma towards the dominant.
/// Each non-silent frame contributes the same total weight. A second histogram gets the same
/// votes of the peaks from `upperBandHz` up only (the register above the bass), each frame with
/// the same total weight again, for the key confidence to check the bass against.
/// The peaks up to 3 kHz (above 1.5 kHz only for this) also give each frame's top note
/// (`TopLine`), the melody's evidence for the tonic.
///
/// For the chord evidence (`ChordEvidence`) every voiced frame's own histogram of the peaks'
/// fundamentals only (no harmonic votes: a chord template should see the notes, not the pitches
/// below them) is kept, normalised to sum 1: 120 values per 171 ms, about 170 kB per minute of
/// audio. In it each peak loses what a lower peak's own partials predict for their 5th partial
/// (`removeFifthPartials()`), so a bass note's overtone does not pass for a major third. And for the gate that withholds a key from unpitched sound, each voiced frame measures
/// how much of its strong peaks' magnitude (within 30 dB of its strongest) belongs to harmonic
/// pairs: peaks with another strong peak an octave or a twelfth above or below (±40 cents).
final class PitchHistogram {
    /// Samples per analysis frame at 12 kHz.
    static let frameSize = 4096
    /// Samples between frames.
    static let hop = 2048
    /// Histogram bins per semitone.
    static let binsPerSemitone = 10
    /// Histogram bins per octave.
    static let binCount = 12 * binsPerSemitone
    private static let harmonicWeights: [Float] = [1, 0.6, 0.36]
    /// 12·log2(h) for the harmonics h = 1, 2, 3.
    private static let harmonicSemitones: [Float] = [0, 12, Float(12 * Foundation.log2(3.0))]
    private static let log2of440 = Float(Foundation.log2(440.0))
    /// A frame whose strongest bin is below −80 dB of full scale is treated as silence.
    private static let silenceAmplitude: Float = 1e-4 * Float(frameSize) / 4
    private static let peakRange: Float = 1e-3
    /// Peaks within 30 dB of the frame's strongest count for the harmonicity measure.
    private static let strongPeakRange: Float = 0.03
    /// The lower edge of the upper band (about G3: above it chords and melodies, below it the bass).
    static let upperBandHz: Float = 200

    private let fft: RealFFT
    private let window = HannWindow.make(frameSize)
    private let lowBin = Int(60.0 * Double(frameSize) / Decimator.outputRate)
    private let highBin = Int(1_500.0 * Double(frameSize) / Decimator.outputRate)
    /// The last bin searched for the top line's peaks (`TopLine.highestHz`).
    private let topLineBin = Int(Double(TopLine.highestHz) * Double(frameSize) / Decimator.outputRate)
    private var power: [Float]
    /// The bins that are local maxima above the frame's threshold (scratch).
    private var peakBins: [Int] = []
    private var frameHistogram = [Float](repeating: 0, count: binCount)
    private var upperFrameHistogram = [Float](repeating: 0, count: binCount)
    /// The sum of the per-frame histograms.
    private(set) var histogram = [Double](repeating: 0, count: binCount)
    /// The sum of the per-frame histograms of the peaks from `upperBandHz` up.
    private(set) var upperHistogram = [Double](repeating: 0, count: binCount)
    /// The fundamentals-only histogram of each voiced frame (less the 5th partials of lower
    /// peaks), normalised to sum 1, one after the other (`binCount` values each).
    private(set) var frameHistograms: [Float] = []
    /// The frames' top notes (`TopLine`), from peaks up to 3 kHz.
    private(set) var topLine = TopLine()
    /// The pitches and magnitudes of all of the frame's peaks up to `TopLine.highestHz`.
    private var linePitches: [Float] = []
    private var lineWeights: [Float] = []
    /// The sum over voiced frames of the share of strong-peak magnitude in harmonic pairs.
    private(set) var harmonicShareSum = 0.0
    private var rawFrameHistogram = [Float](repeating: 0, count: binCount)
    private var strongPitches: [Float] = []
    private var strongWeights: [Float] = []
    /// Each peak's magnitude less the part a lower peak's 5th partial explains (see
    /// `removeFifthPartials()`), for the frame histograms of the chord evidence.
    private var fundamentalWeights: [Float] = []
    /// The pitches and magnitudes of the frame's strong peaks (scratch for `harmonicShare()`).
    private var strongOnlyPitches: [Float] = []
    private var strongOnlyWeights: [Float] = []
    /// 12·log2(5): a note's 5th partial, two octaves and a major third above it.
    private static let fifthPartialSemitones = Float(12 * Foundation.log2(5.0))
    /// How many times the predicted 5th partial is taken from the peak found there (see
    /// `removeFifthPartials()`).
    private static let fifthPartialOversubtraction: Float = 2
    /// How far (semitones) a peak may lie from a partial's pitch and still be taken for it.
    private static let partialTolerance: Float = 0.3
    /// Frames that held sound.
    private(set) var voicedFrames = 0
    /// Frames analysed.
    private(set) var frames = 0

    init() throws(MediaError) {
        fft = try RealFFT(size: Self.frameSize)
        power = [Float](repeating: 0, count: Self.frameSize / 2 + 1)
    }

    /// Analyses one frame of `frameSize` samples starting at `samples[start]`.
    func analyze(_ samples: UnsafeBufferPointer<Float>, at start: Int) {
        frames += 1
        window.withUnsafeBufferPointer { fft.powerSpectrum(samples, from: start, windowedBy: $0, into: &power) }
        let loudest = power.withUnsafeBufferPointer { FastMath.maximum($0) }
        let strongest = loudest.squareRoot()
        guard strongest >= Self.silenceAmplitude else { return }
        let threshold = strongest * Self.peakRange
        let thresholdPower = threshold * threshold
        frameHistogram.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        upperFrameHistogram.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        rawFrameHistogram.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        // The peak lists are filled as locals (their buffers moved out and back, no copy): an
        // append to a class's stored array is an exclusivity-checked access each time.
        var strongPitches: [Float] = [], strongWeights: [Float] = []
        var linePitches: [Float] = [], lineWeights: [Float] = []
        swap(&strongPitches, &self.strongPitches)
        swap(&strongWeights, &self.strongWeights)
        swap(&linePitches, &self.linePitches)
        swap(&lineWeights, &self.lineWeights)
        strongPitches.removeAll(keepingCapacity: true)
        strongWeights.removeAll(keepingCapacity: true)
        linePitches.removeAll(keepingCapacity: true)
        lineWeights.removeAll(keepingCapacity: true)
        defer {
            swap(&strongPitches, &self.strongPitches)
            swap(&strongWeights, &self.strongWeights)
            swap(&linePitches, &self.linePitches)
            swap(&lineWeights, &self.lineWeights)
        }
        var total: Float = 0, upperTotal: Float = 0
        let upperBandHz = Self.upperBandHz
        let binHz = Float(Decimator.outputRate) / Float(Self.frameSize)
        let harmonicWeights = Self.harmonicWeights, harmonicSemitones = Self.harmonicSemitones
        let log2of440 = Self.log2of440
        let binCount = Self.binCount, binsPerSemitone = Float(Self.binsPerSemitone)
        let range = max(lowBin, 1)...topLineBin
        let highBin = self.highBin
        var peakBins: [Int] = []
        swap(&peakBins, &self.peakBins)
        defer { swap(&peakBins, &self.peakBins) }
        power.withUnsafeBufferPointer { Self.localMaxima($0, in: range, above: thresholdPower, into: &peakBins) }
        power.withUnsafeBufferPointer { p in
          frameHistogram.withUnsafeMutableBufferPointer { fh in
          upperFrameHistogram.withUnsafeMutableBufferPointer { uh in
            // The loudest peak so far: above 1.5 kHz a peak counts only for the top line, which
            // takes peaks within `TopLine.strongRange` of the loudest, so weaker ones are skipped
            // before their interpolation. A peak's interpolated magnitude is at most 1.5 dB above
            // its bin's (the Hann window's scalloping loss), so the test uses half the power.
            var loudestPeak: Float = 0
            for k in peakBins {
                let v = p[k]
                if k > highBin {
                    let floor = loudestPeak * TopLine.strongRange
                    guard 2 * v >= floor * floor else { continue }
                }
                // Parabolic interpolation of the log2 magnitude (half the log2 of the power).
                let a = 0.5 * FastMath.log2(max(p[k - 1], 1e-30))
                let b = 0.5 * FastMath.log2(v)
                let c = 0.5 * FastMath.log2(max(p[k + 1], 1e-30))
                let denominator = a - 2 * b + c
                var delta: Float = denominator != 0 ? 0.5 * (a - c) / denominator : 0
                delta = min(0.5, max(-0.5, delta))
                let frequency = (Float(k) + delta) * binHz
                // The peak's interpolated magnitude (not its energy): with energy weights the
                // loudest partials, usually the bass's, outvote the chord and melody notes.
                let weight = Float(exp2(Double(b - 0.25 * (a - c) * delta)))
                let pitchOfPeak = 12 * (FastMath.log2(frequency) - log2of440) + 69
                linePitches.append(pitchOfPeak)
                lineWeights.append(weight)
                loudestPeak = max(loudestPeak, weight)
                // Above 1.5 kHz the peaks only feed the top line.
                guard k <= highBin else { continue }
                let upper = frequency >= upperBandHz
                strongPitches.append(pitchOfPeak)
                strongWeights.append(weight)
                for (h, hw) in harmonicWeights.enumerated() {
                    let pitch = pitchOfPeak - harmonicSemitones[h]
                    let bins = pitch * binsPerSemitone
                    let octaves = FastMath.floor(bins / Float(binCount))
                    let position = bins - octaves * Float(binCount)
                    let lower = min(max(0, Int(position)), binCount - 1)
                    let fraction = position - Float(lower)
                    let next = lower + 1 == binCount ? 0 : lower + 1
                    fh[lower] += weight * hw * (1 - fraction)
                    fh[next] += weight * hw * fraction
                    total += weight * hw
                    if upper {
                        uh[lower] += weight * hw * (1 - fraction)
                        uh[next] += weight * hw * fraction
                        upperTotal += weight * hw
                    }
                }
            }
          }
          }
        }
        guard total > 0 else { return }
        topLine.add(pitches: linePitches, weights: lineWeights)
        var rawTotal: Float = 0
        removeFifthPartials(pitches: strongPitches, weights: strongWeights)
        let fundamentalWeights = self.fundamentalWeights
        rawFrameHistogram.withUnsafeMutableBufferPointer { rh in
            for (index, pitch) in strongPitches.enumerated() {
                let weight = fundamentalWeights[index]
                guard weight > 0 else { continue }
                let bins = pitch * binsPerSemitone
                let position = bins - FastMath.floor(bins / Float(binCount)) * Float(binCount)
                let lower = min(max(0, Int(position)), binCount - 1)
                let fraction = position - Float(lower)
                rh[lower] += weight * (1 - fraction)
                rh[lower + 1 == binCount ? 0 : lower + 1] += weight * fraction
                rawTotal += weight
            }
        }
        voicedFrames += 1
        harmonicShareSum += harmonicShare(pitches: strongPitches, weights: strongWeights)
        // Appended as zeros and written through a pointer: a lazy map over the class's arrays
        // pays an exclusivity check per value.
        let start = frameHistograms.count
        frameHistograms.append(contentsOf: repeatElement(0, count: binCount))
        rawFrameHistogram.withUnsafeBufferPointer { raw in
            frameHistograms.withUnsafeMutableBufferPointer { all in
                for i in 0..<binCount { all[start + i] = rawTotal > 0 ? raw[i] / rawTotal : 0 }
            }
        }
        Self.accumulate(frameHistogram, dividedBy: total, into: &histogram)
        if upperTotal > 0 { Self.accumulate(upperFrameHistogram, dividedBy: upperTotal, into: &upperHistogram) }
    }

    /// Sets `bins` to the bins `k` of `range` (ascending) whose power is above `threshold`,
    /// above bin `k − 1`'s and not below bin `k + 1`'s: compared eight bins at a time, so that
    /// the branch on each bin, taken about one time in four and unpredictably, is not needed.
    private static func localMaxima(_ p: UnsafeBufferPointer<Float>, in range: ClosedRange<Int>, above threshold: Float,
                                    into bins: inout [Int]) {
        bins.removeAll(keepingCapacity: true)
        guard let base = p.baseAddress else { return }
        let raw = UnsafeRawPointer(base), stride = MemoryLayout<Float>.stride
        let limit = SIMD8<Float>(repeating: threshold)
        let laneBits = SIMD8<Int32>(1, 2, 4, 8, 16, 32, 64, 128)
        var k = range.lowerBound
        while k + 9 <= p.count, k + 8 <= range.upperBound + 1 {
            let v = raw.loadUnaligned(fromByteOffset: k * stride, as: SIMD8<Float>.self)
            let below = raw.loadUnaligned(fromByteOffset: (k - 1) * stride, as: SIMD8<Float>.self)
            let above = raw.loadUnaligned(fromByteOffset: (k + 1) * stride, as: SIMD8<Float>.self)
            let peaks = (v .> limit) .& (v .> below) .& (v .>= above)
            var mask = SIMD8<Int32>().replacing(with: laneBits, where: peaks).wrappedSum()
            while mask != 0 {
                bins.append(k + mask.trailingZeroBitCount)
                mask &= mask - 1
            }
            k += 8
        }
        while k <= range.upperBound {
            let v = p[k]
            if v > threshold, v > p[k - 1], v >= p[k + 1] { bins.append(k) }
            k += 1
        }
    }

    /// Adds `frame / total` to `sum`, bin by bin.
    private static func accumulate(_ frame: [Float], dividedBy total: Float, into sum: inout [Double]) {
        frame.withUnsafeBufferPointer { f in
            sum.withUnsafeMutableBufferPointer { s in
                for i in 0..<f.count { s[i] += Double(f[i] / total) }
            }
        }
    }

    /// Sets `fundamentalWeights` to each peak's magnitude less the part of it that a lower peak's
    /// 5th partial explains. A note's 5th harmonic lies two octaves and a major third above it
    /// (27.86 semitones), so a loud bass note under a minor chord would otherwise make it look
    /// major, and a lone bass note look like a major triad with its 3rd harmonic. Removing every
    /// peak at the 5th partial of a lower one would also remove real chord thirds two octaves
    /// above the bass (an F major chord over an F bass), so only what the lower note's own
    /// partials predict is taken away: with w₁ its magnitude and w₂, w₃ those of the peaks at its
    /// 2nd and 3rd partial (0 when absent), partials decaying geometrically by
    /// ρ = min(1, max(w₂/w₁, √(w₃/w₁))) put the 5th at w₁·ρ⁴, and twice that is taken away
    /// (`fifthPartialOversubtraction`): as in spectral subtraction (Berouti et al. 1979), the
    /// model's estimate is low more often than high (a sawtooth's 5th partial is 1.8 times the
    /// geometric guess), and a leftover overtone flips a minor chord to major, while taking a
    /// little too much only thins a real third. A bass with few partials predicts little, so a
    /// chord's third two octaves above it stays.
    private func removeFifthPartials(pitches strongPitches: [Float], weights strongWeights: [Float]) {
        fundamentalWeights.removeAll(keepingCapacity: true)
        fundamentalWeights.append(contentsOf: strongWeights)
        let fifthPartial = Self.fifthPartialSemitones, twelfth = Self.harmonicSemitones[2]
        let oversubtraction = Self.fifthPartialOversubtraction
        strongPitches.withUnsafeBufferPointer { pitches in
        strongWeights.withUnsafeBufferPointer { weights in
        fundamentalWeights.withUnsafeMutableBufferPointer { fundamentals in
            // Every target (a peak's lower note, that note's 2nd and 3rd partial) ascends with
            // the peak, so one forward sweep per kind of target finds them all.
            var lowSweep = 0, octaveSweep = 0, twelfthSweep = 0
            for index in 0..<pitches.count {
                guard let low = Self.nearest(pitches[index] - fifthPartial, in: pitches, from: &lowSweep) else { continue }
                let w1 = weights[low]
                guard w1 > 0 else { continue }
                let w2 = Self.nearest(pitches[low] + 12, in: pitches, from: &octaveSweep).map { weights[$0] } ?? 0
                let w3 = Self.nearest(pitches[low] + twelfth, in: pitches, from: &twelfthSweep).map { weights[$0] } ?? 0
                let decay = min(1, max(w2 / w1, (w3 / w1).squareRoot()))
                let predicted = w1 * decay * decay * decay * decay
                fundamentals[index] = max(0, weights[index] - oversubtraction * predicted)
            }
        }
        }
        }
    }

    /// The index of the peak nearest to `target` within ±`partialTolerance` semitones among
    /// `pitches` (ascending), or nil; the first of two equally near. `start` is a sweep position:
    /// it moves past the peaks below the window and must not be reused for a lower target.
    @inline(__always)
    private static func nearest(_ target: Float, in pitches: UnsafeBufferPointer<Float>, from start: inout Int) -> Int? {
        while start < pitches.count, pitches[start] <= target - partialTolerance { start += 1 }
        guard start < pitches.count, pitches[start] < target + partialTolerance else { return nil }
        var best = start
        while best + 1 < pitches.count, abs(pitches[best + 1] - target) < abs(pitches[best] - target) { best += 1 }
        return best
    }

    /// The share of this frame's strong-peak magnitude (peaks within 30 dB of the strongest) in
    /// peaks that have another strong peak an octave or a twelfth above or below (±40 cents).
    private func harmonicShare(pitches strongPitches: [Float], weights strongWeights: [Float]) -> Double {
        let strongest = strongWeights.max() ?? 0
        guard strongest > 0 else { return 0 }
        let floor = strongest * Self.strongPeakRange
        // The peaks were found in ascending frequency, so the strong ones are in pitch order.
        var pitches: [Float] = [], weights: [Float] = []
        swap(&pitches, &strongOnlyPitches)
        swap(&weights, &strongOnlyWeights)
        pitches.removeAll(keepingCapacity: true)
        weights.removeAll(keepingCapacity: true)
        for i in strongPitches.indices where strongWeights[i] >= floor {
            pitches.append(strongPitches[i])
            weights.append(strongWeights[i])
        }
        defer {
            swap(&pitches, &strongOnlyPitches)
            swap(&weights, &strongOnlyWeights)
        }
        let sorted = pitches
        /// Whether a strong peak lies within ±0.4 semitones of `target`. `low` is a sweep
        /// position, at or before the first peak not below the window (the targets of each kind
        /// ascend with the peaks): it ends where a binary search would, in one pass per frame.
        func present(_ target: Float, from low: inout Int) -> Bool {
            while low < sorted.count, sorted[low] < target - 0.4 { low += 1 }
            return low < sorted.count && sorted[low] <= target + 0.4
        }
        let twelfth = Self.harmonicSemitones[2]
        var all: Float = 0, paired: Float = 0
        var octaveUp = 0, octaveDown = 0, twelfthUp = 0, twelfthDown = 0
        for (p, weight) in zip(pitches, weights) {
            all += weight
            // A sweep skipped for one peak catches up at the next: its position only lags.
            if present(p + 12, from: &octaveUp) || present(p - 12, from: &octaveDown)
                || present(p + twelfth, from: &twelfthUp) || present(p - twelfth, from: &twelfthDown) {
                paired += weight
            }
        }
        return all > 0 ? Double(paired / all) : 0
    }
}
