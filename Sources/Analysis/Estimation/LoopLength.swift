import Foundation

/// The length of a short clip as evidence of its tempo: what a sample tool mostly sees are
/// loops cut on bar lines, 1, 2, 4, 8 or 16 bars of four beats, so 4·2ᵏ beats long.
///
/// Onset periodicity misses the beat of such a loop when its rhythm repeats at another period:
/// a figure every 1.5 beats (a skank, a tresillo) is periodic at ⅔ of the tempo, and the comb
/// reads that. At ⅔ of its tempo a loop of 16 beats lasts 10⅔ beats, a whole number of neither
/// bars nor beats; at the tempo it lasts 16. So when a short clip lasts no whole number of beats
/// at the level found, and within `tolerance` exactly 4·2ᵏ beats at 3/2 of it, the 3/2 level's
/// evidence is weighed `weight` times against the found level's (`TempoEstimator`): a cue, not an
/// override, and silent on clips longer than `longestLoop`, on clips whose length fits the found
/// level or no loop at all, and between octaves (a loop of 16 beats is also 8 or 32 of its half
/// or double). The other relations are left alone on purpose: a loop read at 3/2 of its tempo
/// lasts 24 beats, whole, so its length cannot tell; a loop of twelve beats (four bars of 3/4)
/// read at ⅔ lasts 8, whole as well.
///
/// A window cut at a round length from a steady groove (10 s of 108 BPM) often lasts whole
/// beats at its tempo and so stays silent; measured on 1,185 such windows of the dev clips the
/// cue never fired (see docs/analysis.md).
struct LoopLength {
    /// Clips up to this long (seconds) may be loops; longer ones are excerpts of music.
    static let longestLoop = 30.0
    /// How close (relative) a tempo must be to one at which the clip lasts 4·2ᵏ beats.
    static let tolerance = 0.01
    /// How many times its own evidence a level counts when the clip is a loop at it.
    static let weight = 3.0
    /// How far (beats) from a whole number of beats the found level must leave the clip.
    static let offWhole = 0.2
    /// The lengths of a loop of 1, 2, 4, 8 and 16 bars of four beats.
    static let loopBeats = [4.0, 8, 16, 32, 64]

    /// The clip's duration in seconds.
    let seconds: Double

    /// The length of a clip of `seconds`; nil for a clip too long to be a loop, or of no length.
    init?(seconds: Double) {
        guard seconds > 0, seconds <= Self.longestLoop else { return nil }
        self.seconds = seconds
    }

    /// The tempo within `tolerance` of `bpm` at which the clip lasts exactly 4·2ᵏ beats, the
    /// nearest if several; nil when there is none inside the estimator's range.
    func loopTempo(near bpm: Double) -> Double? {
        var found: Double?
        for beats in Self.loopBeats {
            let tempo = 60 * beats / seconds
            guard tempo >= TempoEstimator.minimumBPM, tempo <= TempoEstimator.maximumBPM,
                  abs(log(tempo / bpm)) < Self.tolerance else { continue }
            if found.map({ abs(log(tempo / bpm)) < abs(log($0 / bpm)) }) ?? true { found = tempo }
        }
        return found
    }

    /// The loop tempo at 3/2 of `bpm` when the clip lasts no whole number of beats at `bpm`:
    /// the level a loop read at ⅔ of its tempo really has; nil when the length does not say so.
    func fasterLoopTempo(than bpm: Double) -> Double? {
        let beats = seconds * bpm / 60
        guard abs(beats - beats.rounded()) >= Self.offWhole else { return nil }
        return loopTempo(near: bpm * 1.5)
    }

    /// `weight` for a tempo at which the clip is a loop, else 1.
    func factor(bpm: Double) -> Double {
        loopTempo(near: bpm) == nil ? 1 : Self.weight
    }
}
