/// The backbeat of a drum groove: kick and snare accents that alternate beat by beat (kick on 1
/// and 3, snare on 2 and 4), the cue Goto & Muraoka's beat tracker uses to find the quarter-note
/// level of music with drums.
///
/// It settles what onset periodicity leaves open: a groove whose snare lands on every other beat
/// repeats as strongly at two beats as at one, and only the alternation tells that the beat is
/// the shorter period. The accents of the kick band (30–150 Hz) and the snare band (1.2–5 kHz) are
/// cross-correlated in both directions; for a beat period τ the strength is
///
///     mean(c(±τ), c(±3τ)) − ½·[c(0) + mean(c(±2τ), c(±4τ))]
///
/// (c = normalised cross-correlation), clipped at 0: alternation at the odd beats against
/// coincidence, at the same instant and at the even beats. Absence of alternation says nothing
/// about the metrical level (a four-on-the-floor kick, a drumless chorale), so the strength is
/// never negative; a broadband hit that sounds in both bands at once weighs against it.
struct Backbeat {
    /// `c(l)` for l = 0…maxLag with the snare after the kick.
    private let snareAfterKick: [Double]
    /// `c(-l)` for l = 0…maxLag: the kick after the snare.
    private let kickAfterSnare: [Double]

    /// Correlates the band envelopes (sampled like the onset envelope) up to `maxLag` frames;
    /// a band without accents gives a backbeat of 0 everywhere.
    init(kick: ArraySlice<Float>, snare: ArraySlice<Float>, frameRate: Double, maxLag: Int) {
        let k = TempoEstimator.accentSignal(kick, frameRate: frameRate)
        let s = TempoEstimator.accentSignal(snare, frameRate: frameRate)
        let n = min(k.count, s.count)
        let lags = max(0, min(maxLag, n - 1))
        var forward = [Double](repeating: 0, count: lags + 1)
        var backward = forward
        var energyK = 0.0, energyS = 0.0
        for i in 0..<n {
            energyK += k[i] * k[i]
            energyS += s[i] * s[i]
        }
        let norm = (energyK * energyS).squareRoot()
        if n > 0, norm > 0 {
            k.withUnsafeBufferPointer { kp in
                s.withUnsafeBufferPointer { sp in
                    for lag in 0...lags {
                        forward[lag] = FastMath.dot(kp, sp, lag: lag, count: n - lag) / norm
                        backward[lag] = FastMath.dot(sp, kp, lag: lag, count: n - lag) / norm
                    }
                }
            }
        }
        snareAfterKick = forward
        kickAfterSnare = backward
    }

    /// The backbeat strength (0…1) for a beat of `bpm`.
    func strength(bpm: Double, frameRate: Double) -> Double {
        let period = 60 * frameRate / bpm
        func both(_ beats: Double) -> Double {
            (TempoEstimator.interpolated(snareAfterKick, at: period * beats)
                + TempoEstimator.interpolated(kickAfterSnare, at: period * beats)) / 2
        }
        let odd = (both(1) + both(3)) / 2
        let even = (both(2) + both(4)) / 2
        let coincidence = snareAfterKick.first ?? 0
        return max(0, odd - (coincidence + even) / 2)
    }

}
