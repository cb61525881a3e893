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
/// Confidence is `strength × √(1 − ρ²) × stability × presence`: strength is the significance of
/// the winner's comb salience over chance (salience·√n between 2 and 6 standard errors maps to
/// 0…1, so noise and pulseless music are near 0); ρ is the score of the best metrically related
/// alternative (×2, ×½, ×3/2, ×2/3) relative to the winner, under the prior and under a weaker
/// 1.4-octave one, whichever is closer, so an octave the music leaves open lowers it; stability is
/// the share of 8 s windows that choose the same tempo (a tempo change, a level that flips);
/// presence is 0 for a spectrum that hardly changes (a sustained tone, whose frame-to-frame
/// ripple can look periodic). Where presence is 0 there is no tempo at all (bpm 0).
enum TempoEstimator {
    static let minimumBPM = 40.0
    static let maximumBPM = 240.0
    static let priorCentre = 120.0
    static let priorOctaves = 1.0
    static let combLevels = 4
    static let candidates = 800
    /// The candidate tempi: `candidates` log-spaced values from `minimumBPM` to `maximumBPM`.
    static let candidateBPMs: [Double] = (0..<candidates).map { i in
        exp(log(minimumBPM) + (log(maximumBPM) - log(minimumBPM)) * Double(i) / Double(candidates - 1))
    }
    /// `prior` of every candidate tempo, computed once.
    static let candidatePriors: [Double] = candidateBPMs.map { prior($0) }
    /// How far (±, relative) from the exact half or double the metrical-level step looks.
    static let octaveTolerance = 0.03
    /// The width of the weaker prior the confidence checks the metrical level against (Ellis 2007).
    static let weakPriorOctaves = 1.4
    /// The windows whose choices measure the stability of the tempo.
    static let windowSeconds = 8.0
    /// The step between those windows.
    static let windowHop = 4.0

    /// Estimates the tempo of an envelope sampled at `frameRate` values per second; `kick` and
    /// `snare` are the band envelopes of the same frames, `novelty` the share of the spectrum
    /// renewed per frame (`OnsetDetector`) and `duration` the clip's length in seconds, whose fit
    /// to a bar-aligned loop is weighed as evidence on short clips (`LoopLength`; 0: unknown).
    static func estimate(envelope: [Float], kick: [Float], snare: [Float], frameRate: Double,
                         novelty: Double, duration: Double = 0) -> TempoEstimate {
        let none = TempoEstimate(bpm: 0, confidence: 0, salience: 0)
        let n = envelope.count
        // A spectrum that hardly changes (a sine, a drone, a held chord) has no onsets to count:
        // whatever periodicity its frame-to-frame ripple shows is not a tempo.
        let presence = pulsePresence(novelty: novelty)
        guard presence > 0 else { return none }
        guard let choice = MetricalChoice(envelope: envelope[...], kick: kick[...], snare: snare[...],
                                          frameRate: frameRate)
        else { return none }
        let r = choice.r, best = choice.best, scores = choice.scores, bpms = choice.bpms
        let logMin = log(minimumBPM), logMax = log(maximumBPM)
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
        func evidence(_ tempo: Double) -> Double {
            max(0, combSalience(r, bpm: tempo, frameRate: frameRate)
                + choice.backbeat.strength(bpm: tempo, frameRate: frameRate))
        }
        // The loop-length cue: a short clip that lasts 4·2ᵏ beats at 3/2 of the level found and
        // no whole number of beats at it is a loop read at ⅔ of its tempo, if the faster level's
        // evidence, weighed by the cue, outweighs the found level's.
        var chosenBPM = bpms[best], levelScore = choice.levelScore, salience = choice.comb[best]
        var loop: LoopLength?
        if let length = LoopLength(seconds: duration), let faster = length.fasterLoopTempo(than: bpm) {
            let score = evidence(faster) * prior(faster) * LoopLength.weight
            if score > levelScore {
                (chosenBPM, levelScore, loop) = (faster, score, length)
                salience = combSalience(r, bpm: faster, frameRate: frameRate)
                bpm = refine(r, bpm: faster, frameRate: frameRate)
            }
        }
        // Strength: how far the periodicity stands above chance. The autocorrelation of a signal
        // without pulse scatters around 0 with a standard error of about 1/√n.
        let significance = salience * Double(n).squareRoot()
        let strength = min(1, max(0, (significance - 2) / 4))
        // Ambiguity: the best metrically related alternative relative to the winner, both with
        // the backbeat's evidence, under the prior the choice used and under the weaker
        // 1.4-octave prior of Ellis (2007); the larger ratio counts, so a level the prior alone
        // holds up is not called sure. Where the loop-length cue chose the level, every tempo
        // at which the clip is a loop carries the cue's weight as well.
        var rival = 0.0, weakRival = 0.0
        for ratio in [2.0, 0.5, 1.5, 2.0 / 3.0] {
            for step in -3...3 {
                let other = bpm * ratio * (1 + 0.005 * Double(step))
                guard other >= minimumBPM, other <= maximumBPM else { continue }
                let weighed = evidence(other) * (loop?.factor(bpm: other) ?? 1)
                rival = max(rival, weighed * prior(other))
                weakRival = max(weakRival, weighed * prior(other, octaves: weakPriorOctaves))
            }
        }
        let weakScore = levelScore / prior(chosenBPM) * prior(chosenBPM, octaves: weakPriorOctaves)
        let ratio = min(1, max(rival / levelScore, weakScore > 0 ? weakRival / weakScore : 1))
        let confidence = strength * (1 - ratio * ratio).squareRoot()
            * stability(envelope: envelope, kick: kick, snare: snare, bpm: bpm, frameRate: frameRate)
            * presence
        return TempoEstimate(bpm: (bpm * 10).rounded() / 10, confidence: confidence, salience: salience)
    }

    /// The share of the clip's `windowSeconds` windows (every `windowHop` seconds) whose own
    /// metrical choice is `bpm` within ±4 %: 1 for a steady tempo, about ½ for a tempo that
    /// changes halfway, less when the metrical level flips from passage to passage. 1 when the
    /// clip is too short for two windows.
    static func stability(envelope: [Float], kick: [Float], snare: [Float], bpm: Double,
                          frameRate: Double) -> Double {
        let n = min(envelope.count, kick.count, snare.count)
        let length = Int(windowSeconds * frameRate), hop = Int(windowHop * frameRate)
        guard n > length + hop / 2 else { return 1 }
        var starts = Array(stride(from: 0, through: n - length, by: hop))
        if let last = starts.last, last != n - length { starts.append(n - length) }
        var agreeing = 0
        for start in starts {
            let range = start..<(start + length)
            guard let choice = MetricalChoice(envelope: envelope[range], kick: kick[range], snare: snare[range],
                                              frameRate: frameRate)
            else { continue }
            if AnalysisScoring.tempoAccuracy1(choice.bpms[choice.best], truth: bpm) { agreeing += 1 }
        }
        return Double(agreeing) / Double(starts.count)
    }

    /// 0 for a clip whose spectrum hardly changes (a sustained tone: under 0.5 % renewed per
    /// frame), 1 from 2 % up (all music measured renews 8 % or more), linear between.
    static func pulsePresence(novelty: Double) -> Double {
        min(1, max(0, (novelty - 0.005) / 0.015))
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

    /// The log-Gaussian tempo preference, `octaves` wide (one standard deviation).
    static func prior(_ bpm: Double, octaves width: Double = priorOctaves) -> Double {
        let octaves = log2(bpm / priorCentre) / width
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
    static func accentSignal(_ envelope: ArraySlice<Float>, frameRate: Double) -> [Double] {
        let envelope = Array(envelope)
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
            for lag in 0...maxLag { r[lag] = FastMath.dot(p, p, lag: lag, count: n - lag) }
        }
        guard r[0] > 0 else { return [] }
        let zero = r[0]
        return r.map { $0 / zero }
    }
}
