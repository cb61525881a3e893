import Foundation

/// The metrical level chosen from one stretch of onset envelope (the whole clip, or one of the
/// windows `TempoEstimator.stability` compares): the periodicity of its accents, the candidate
/// that wins the comb × prior, and the half, double or winner kept by the backbeat.
struct MetricalChoice {
    /// The normalised autocorrelation of the accents, `r(0) = 1`.
    let r: [Double]
    /// The candidate tempi (`TempoEstimator.candidateBPMs`).
    let bpms: [Double]
    /// The comb salience of every candidate.
    let comb: [Double]
    /// `max(0, comb) × prior` of every candidate.
    let scores: [Double]
    /// The backbeat of the stretch's kick and snare bands.
    let backbeat: Backbeat
    /// The index of the chosen level.
    let best: Int
    /// The chosen level's `(comb + backbeat) × prior`.
    let levelScore: Double

    /// Chooses the level of `envelope`, with `kick` and `snare` the band envelopes of the same
    /// frames; nil under two seconds (too few beats to measure a period) or without any pulse.
    init?(envelope: ArraySlice<Float>, kick: ArraySlice<Float>, snare: ArraySlice<Float>, frameRate: Double) {
        let n = envelope.count
        guard n >= Int(2 * frameRate) else { return nil }
        let accents = TempoEstimator.accentSignal(envelope, frameRate: frameRate)
        let maxLag = min(n - 1, Int((Double(TempoEstimator.combLevels) * 60 / TempoEstimator.minimumBPM
            * frameRate).rounded(.up)) + 2)
        let r = TempoEstimator.autocorrelation(accents, maxLag: maxLag)
        guard !r.isEmpty else { return nil }
        let bpms = TempoEstimator.candidateBPMs
        let comb = bpms.map { TempoEstimator.combSalience(r, bpm: $0, frameRate: frameRate) }
        let priors = TempoEstimator.candidatePriors
        let scores = zip(priors, comb).map { max(0, $1) * $0 }
        var winner = 0
        for i in 1..<scores.count where scores[i] > scores[winner] { winner = i }
        guard scores[winner] > 0 else { return nil }

        // The metrical level: the winner, its half or its double, with the backbeat's evidence.
        let backbeat = Backbeat(kick: kick, snare: snare, frameRate: frameRate, maxLag: maxLag)
        func evidence(_ i: Int) -> Double {
            max(0, comb[i] + backbeat.strength(bpm: bpms[i], frameRate: frameRate)) * priors[i]
        }
        var level = winner
        var levelScore = evidence(winner)
        for ratio in [0.5, 2.0] {
            let target = bpms[winner] * ratio
            guard let octave = TempoEstimator.bestCandidate(near: target, bpms: bpms, scores: scores) else { continue }
            let score = evidence(octave)
            if score > levelScore {
                level = octave
                levelScore = score
            }
        }
        self.r = r
        self.bpms = bpms
        self.comb = comb
        self.scores = scores
        self.backbeat = backbeat
        self.best = level
        self.levelScore = levelScore
    }
}
