import Foundation

/// Estimates the tempo from an onset-strength envelope and the kick and snare band envelopes.
///
/// 1. The envelope's local mean (0.5 s) is removed and the rest half-wave rectified, leaving
///    the accents; its autocorrelation `r(τ)` (normalised so `r(0) = 1`) measures periodicity.
/// 2. Metrical comb: a beat period τ is scored by the mean of `r(τ), r(2τ), r(3τ), r(4τ)`: a true
///    beat recurs at the half bar, the bar and beyond, while the eighth-note level of a beat fails
///    at its odd multiples (1.5 beats) and so scores lower. This resolves the fast octave (×2) and
///    the ×3/2 of triple metres and swing without rules.
/// 3. A log-Gaussian tempo prior centred on 120 BPM with a standard deviation of one octave
///    (as in librosa's tempo estimator) weighs the comb; the best of 800 log-spaced candidates
///    between 40 and 240 BPM wins.
/// 4. Metrical level: the winner, its half and its double (each the best candidate within ±3 %)
///    are scored again with the `Backbeat` strength added to their comb salience (both are
///    correlations), times the prior. A groove whose snare alternates with the kick beat by beat
///    keeps that beat even when its loop repeats more strongly at two beats; without drums the
///    backbeat is 0 and nothing changes.
/// 5. The chosen level is refined within ±2 % by aligning all its multiples up to the longest
///    lag with the autocorrelation, and rounded to 0.1 BPM.
///
/// Confidence is `strength × √(1 − ρ²)`: strength is the significance of the winner's comb
/// salience over chance (salience·√n between 2 and 6 standard errors maps to 0…1, so noise and
/// pulseless music are near 0); ρ is the score of the best metrically related alternative
/// (×2, ×½, ×3/2, ×2/3) relative to the winner, so an octave the music leaves open lowers it.
enum TempoEstimator {
    static let minimumBPM = 40.0
    static let maximumBPM = 240.0
    static let priorCentre = 120.0
    static let priorOctaves = 1.0
    static let combLevels = 4
    static let candidates = 800
    /// How far (±, relative) from the exact half or double the metrical-level step looks.
    static let octaveTolerance = 0.03

    /// Estimates the tempo of an envelope sampled at `frameRate` values per second; `kick` and
    /// `snare` are the band envelopes of the same frames (`OnsetDetector`).
    static func estimate(envelope: [Float], kick: [Float], snare: [Float], frameRate: Double) -> TempoEstimate {
        let none = TempoEstimate(bpm: 0, confidence: 0, salience: 0)
        let n = envelope.count
        // Under two seconds there are too few beats to measure a period.
        guard n >= Int(2 * frameRate) else { return none }
        let accents = accentSignal(envelope, frameRate: frameRate)
        let maxLag = min(n - 1, Int((Double(combLevels) * 60 / minimumBPM * frameRate).rounded(.up)) + 2)
        let r = autocorrelation(accents, maxLag: maxLag)
        guard !r.isEmpty else { return none }

        var bpms = [Double](repeating: 0, count: candidates)
        var comb = [Double](repeating: 0, count: candidates)
        var scores = [Double](repeating: 0, count: candidates)
        let logMin = log(minimumBPM), logMax = log(maximumBPM)
        for i in 0..<candidates {
            let bpm = exp(logMin + (logMax - logMin) * Double(i) / Double(candidates - 1))
            bpms[i] = bpm
            comb[i] = combSalience(r, bpm: bpm, frameRate: frameRate)
            scores[i] = max(0, comb[i]) * prior(bpm)
        }
        var best = 0
        for i in 1..<candidates where scores[i] > scores[best] { best = i }
        guard scores[best] > 0 else { return none }

        // The metrical level: the winner, its half or its double, with the backbeat's evidence.
        let backbeat = Backbeat(kick: kick, snare: snare, frameRate: frameRate, maxLag: maxLag)
        func evidence(_ i: Int) -> Double {
            max(0, comb[i] + backbeat.strength(bpm: bpms[i], frameRate: frameRate)) * prior(bpms[i])
        }
        var level = best
        var levelScore = evidence(best)
        for ratio in [0.5, 2.0] {
            let target = bpms[best] * ratio
            guard let octave = bestCandidate(near: target, bpms: bpms, scores: scores) else { continue }
            let score = evidence(octave)
            if score > levelScore {
                level = octave
                levelScore = score
            }
        }
        best = level

        var bpm = bpms[best]
        if best > 0 && best < candidates - 1 {
            let a = scores[best - 1], b = scores[best], c = scores[best + 1]
            let denominator = a - 2 * b + c
            if denominator < 0 {
                let delta = min(0.5, max(-0.5, 0.5 * (a - c) / denominator))
                bpm = exp(log(bpm) + delta * (logMax - logMin) / Double(candidates - 1))
            }
        }
        bpm = refine(r, bpm: bpm, frameRate: frameRate)
        let salience = comb[best]
        // Strength: how far the periodicity stands above chance. The autocorrelation of a signal
        // without pulse scatters around 0 with a standard error of about 1/√n.
        let significance = salience * Double(n).squareRoot()
        let strength = min(1, max(0, (significance - 2) / 4))
        // Ambiguity: the best metrically related alternative, relative to the winner, both with
        // the backbeat's evidence.
        var rival = 0.0
        for ratio in [2.0, 0.5, 1.5, 2.0 / 3.0] {
            for step in -3...3 {
                let other = bpm * ratio * (1 + 0.005 * Double(step))
                guard other >= minimumBPM, other <= maximumBPM else { continue }
                let otherSalience = combSalience(r, bpm: other, frameRate: frameRate)
                    + backbeat.strength(bpm: other, frameRate: frameRate)
                rival = max(rival, max(0, otherSalience) * prior(other))
            }
        }
        let ratio = min(1, rival / levelScore)
        let confidence = strength * (1 - ratio * ratio).squareRoot()
        return TempoEstimate(bpm: (bpm * 10).rounded() / 10, confidence: confidence, salience: salience)
    }

    /// The candidate with the highest score within ±`octaveTolerance` of `bpm`; nil outside
    /// the range.
    static func bestCandidate(near bpm: Double, bpms: [Double], scores: [Double]) -> Int? {
        guard bpm >= minimumBPM, bpm <= maximumBPM else { return nil }
        var found: Int?
        for i in bpms.indices where abs(log(bpms[i] / bpm)) < octaveTolerance {
            if found.map({ scores[i] > scores[$0] }) ?? true { found = i }
        }
        return found
    }

    /// Sharpens the winner to 0.1 BPM: within ±2 % of it, the period whose multiples up to the
    /// longest measured lag line up best with the autocorrelation peaks (the more periods a
    /// lag spans, the finer it pins the period down).
    static func refine(_ r: [Double], bpm: Double, frameRate: Double) -> Double {
        var bestBPM = bpm
        var bestScore = -Double.infinity
        let longest = Double(r.count - 2)
        for step in -200...200 {
            let candidate = bpm * (1 + 0.0001 * Double(step))
            let period = 60 * frameRate / candidate
            let levels = max(1, Int(longest / period))
            var sum = 0.0
            for level in 1...levels { sum += interpolated(r, at: period * Double(level)) }
            let score = sum / Double(levels)
            if score > bestScore {
                bestScore = score
                bestBPM = candidate
            }
        }
        return bestBPM
    }

    /// The log-Gaussian tempo preference.
    static func prior(_ bpm: Double) -> Double {
        let octaves = log2(bpm / priorCentre) / priorOctaves
        return exp(-0.5 * octaves * octaves)
    }

    /// The mean autocorrelation at 1…`combLevels` beat periods.
    static func combSalience(_ r: [Double], bpm: Double, frameRate: Double) -> Double {
        let period = 60 * frameRate / bpm
        var sum = 0.0
        for level in 1...combLevels { sum += interpolated(r, at: period * Double(level)) }
        return sum / Double(combLevels)
    }

    /// `r` linearly interpolated at a fractional lag; 0 beyond its end.
    static func interpolated(_ r: [Double], at lag: Double) -> Double {
        let i = Int(lag)
        guard i + 1 < r.count else { return 0 }
        let f = lag - Double(i)
        return r[i] * (1 - f) + r[i + 1] * f
    }

    /// The envelope minus its 0.5 s moving average, half-wave rectified, then made zero-mean.
    static func accentSignal(_ envelope: [Float], frameRate: Double) -> [Double] {
        let n = envelope.count
        let width = Int((frameRate * 0.5).rounded()) | 1
        let half = width / 2
        var prefix = [Double](repeating: 0, count: n + 1)
        for i in 0..<n { prefix[i + 1] = prefix[i] + Double(envelope[i]) }
        var accents = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let lo = max(0, i - half), hi = min(n, i + half + 1)
            let mean = (prefix[hi] - prefix[lo]) / Double(width)
            accents[i] = max(0, Double(envelope[i]) - mean)
        }
        let mean = accents.reduce(0, +) / Double(max(1, n))
        return accents.map { $0 - mean }
    }

    /// `r(τ)` for τ = 0…maxLag divided by `r(0)`; empty when the signal has no energy.
    ///
    /// The biased estimate (sums not divided by their overlap) tapers long lags a little, which
    /// leans ties between metrical levels towards the faster one; the unbiased estimate was tried
    /// and halved drum & bass click tracks.
    static func autocorrelation(_ x: [Double], maxLag: Int) -> [Double] {
        let n = x.count
        var r = [Double](repeating: 0, count: maxLag + 1)
        x.withUnsafeBufferPointer { p in
            for lag in 0...maxLag {
                var s = 0.0
                for i in 0..<(n - lag) { s += p[i] * p[i + lag] }
                r[lag] = s
            }
        }
        guard r[0] > 0 else { return [] }
        let zero = r[0]
        return r.map { $0 / zero }
    }
}
