import Foundation
import Model

/// Estimates the key from a `PitchHistogram`: tuning estimation, folding to a 12-bin chroma,
/// and correlation with key profiles.
///
/// - Tuning: the circular mean of the 10-cent histogram over one semitone gives the offset of
///   the whole clip from A = 440 Hz; the chroma is folded around the corrected semitone centres
///   (cos² weighting over ±50 cents), so a clip tuned up to a quarter tone off still lands on its
///   notes.
/// - Key: three cues added. Pearson correlation of the chroma with Temperley's (Kostka–Payne) major
///   and minor profiles in all 24 rotations (the notes), plus twice the correlation of the
///   clip's chord histogram with each key's chord weights (`ChordEvidence`: the harmonic
///   functions), plus 0.75 times the correlation of the top line's chroma with each key's tonic
///   triad (`TopLine`: the melody dwells on the tonic, which tells I–IV from V–I). The best sum
///   wins.
/// - Relatives: a key and its relative share every note and chord, so the first two cues only
///   weigh a prior between them. When the top line's best tonic triad and the opening chord
///   (`ChordEvidence.Chords.openingChord`, about the first 2 s) both name the relative of the best
///   key, the relative is taken. Correlation removes each vector's mean and scale, so majors
///   and minors compete on the same footing, and an exact tie goes to the key found first in
///   circle-of-fifths order with minor and major interleaved, never to major by rule.
/// - No key: when neither a chord nor a harmonic tone is heard (under 15 % of the voiced frames
///   hold a full triad and under 75 % of the strong peaks' magnitude is in octave or twelfth
///   pairs), the sound is unpitched (drums, noise) and gets no key instead of a guess.
/// - Confidence: the product of four things a listener would recognise: how tonal the chroma is
///   (contrast between its strongest and average pitch class; noise is flat), how well it fits a
///   key at all (the best correlation, Krumhansl's key strength: 0.55 or less → 0, 0.75 or more
///   → 1; lone notes and drum kits fit poorly), how clearly the best key beats the runner-up
///   (correlation margin), and how many of four other published profiles (Krumhansl, bgate, edma,
///   Shaath) agree on the same key; and, fifth, whether the register above the bass agrees
///   (the whole chroma's key within 0.1 of the best correlation of the chroma from 200 Hz up,
///   falling linearly to 0 at a gap of 0.1).
///   Sixth, the relative key: when the top line's best tonic triad (`TopLine`) is the relative
///   key's, the reading is split between two keys that share every note and chord, and the
///   confidence is halved.
/// - Alternative: that relative key, or else the runner-up key when its combined score is within
///   `tieMargin` of the best (the margin under which the confidence's clarity term is below 1),
///   is named as well, so the user reads "C major, or A minor" instead of one key stated as if it
///   were settled.
enum KeyEstimator {
    /// Within this margin of the best combined score, the runner-up key is a near tie and is named
    /// as the alternative; it is also the margin at which clarity reaches 1.
    static let tieMargin = 0.08
    /// The weight of the chord cue against the pitch profile's correlation.
    static let chordWeight = 2.0
    /// The weight of the top line's tonic triad (`TopLine`) against the pitch profile's correlation.
    static let topLineWeight = 0.75
    /// The confidence is multiplied by this when the top line's tonic triad is the relative key's.
    static let relativeSplitFactor = 0.5
    /// Below this share of voiced frames holding a full triad, a clip may be unpitched.
    static let minimumChordFrameShare = 0.15
    /// Below this mean share of strong-peak magnitude in harmonic pairs, a clip may be unpitched.
    static let minimumHarmonicShare = 0.75

    /// Estimates the key of what `pitches` accumulated.
    static func estimate(_ pitches: PitchHistogram) -> KeyEstimate {
        estimate(histogram: pitches.histogram, upperHistogram: pitches.upperHistogram,
                 voicedFrames: pitches.voicedFrames, frameHistograms: pitches.frameHistograms,
                 topLineHistogram: pitches.topLine.histogram,
                 harmonicShare: pitches.voicedFrames > 0 ? pitches.harmonicShareSum / Double(pitches.voicedFrames) : 0)
    }

    /// Estimates the key of the histogram accumulated from `voicedFrames` non-silent frames;
    /// `upperHistogram` holds the votes of the register above the bass only, `frameHistograms`
    /// each voiced frame's fundamentals, `topLineHistogram` the frames' top notes (`TopLine`;
    /// empty or zeros for none), and `harmonicShare` the mean share of strong-peak magnitude in
    /// harmonic pairs (`PitchHistogram`).
    static func estimate(histogram: [Double], upperHistogram: [Double], voicedFrames: Int,
                         frameHistograms: [Float], topLineHistogram: [Double] = [],
                         harmonicShare: Double) -> KeyEstimate {
        let total = histogram.reduce(0, +)
        guard voicedFrames > 0, total > 0 else {
            return KeyEstimate(key: nil, confidence: 0, tuningCents: 0, chroma: [Double](repeating: 0, count: 12))
        }
        let per = PitchHistogram.binsPerSemitone
        let count = histogram.count
        var re = 0.0, im = 0.0
        for i in 0..<count {
            let phase = 2 * Double.pi * Double(i % per) / Double(per)
            re += histogram[i] * cos(phase)
            im += histogram[i] * sin(phase)
        }
        let offsetBins = atan2(im, re) / (2 * Double.pi) * Double(per)
        let chroma = fold(histogram, offsetBins: offsetBins)

        let chords = ChordEvidence.chords(frames: frameHistograms,
                                          frameCount: frameHistograms.count / PitchHistogram.binCount,
                                          offsetBins: offsetBins)
        guard chords.chordFrameShare >= minimumChordFrameShare || harmonicShare >= minimumHarmonicShare else {
            return KeyEstimate(key: nil, confidence: 0, tuningCents: offsetBins * 100 / Double(per), chroma: chroma)
        }
        let scores = KeyProfile.temperley.correlations(with: chroma)
        let chordScores = ChordEvidence.keyCorrelations(with: chords.histogram)
        let topLineScores = TopLine.tonicTriadCorrelations(
            with: topLineHistogram.isEmpty ? [] : fold(topLineHistogram, offsetBins: offsetBins))
        // The three cues on the scale of one correlation: their weighted mean.
        let combined = (0..<24).map {
            (scores[$0] + chordWeight * chordScores[$0] + topLineWeight * topLineScores[$0])
                / (1 + chordWeight + topLineWeight)
        }
        let order = searchOrder
        var best = order[0]
        for index in order where combined[index] > combined[best] { best = index }
        var topLineBest = 0
        for index in 0..<24 where topLineScores[index] > topLineScores[topLineBest] { topLineBest = index }
        let hasTopLine = topLineScores[topLineBest] > 0
        // Relatives share every note and chord, so the chords' functions and the profile only
        // weigh a prior between them. When the top line's tonic triad and the opening chord both
        // name the relative key, its tonic is what the loop dwells on and starts from: an Aeolian
        // loop (i–VI–III–VII, the chords of the relative major's vi–IV–I–V) is read in its minor key.
        if let relative = MusicalKey.all.firstIndex(of: MusicalKey.all[best].relative), hasTopLine,
           topLineBest == relative, chords.openingChord == relative {
            best = relative
        }
        var second = best == order[0] ? order[1] : order[0]
        for index in order where index != best && combined[index] > combined[second] { second = index }
        let runnerUp = combined[second]
        let key = MusicalKey.all[best]

        let votes = KeyProfile.reviewers.filter { profile in
            let s = profile.correlations(with: chroma)
            var top = 0
            for index in 0..<24 where s[index] > s[top] { top = index }
            return top == best
        }.count
        let maxShare = chroma.max() ?? 0
        // A flat chroma (noise) has contrast 0; a clear key's strongest class is 2–3× the mean.
        let contrast = max(0, maxShare * 12 - 1)
        let tonality = min(1, contrast / 1.0)
        let clarity = min(1, max(0, combined[best] - runnerUp) / tieMargin)
        let agreement = Double(votes) / Double(KeyProfile.reviewers.count)
        // Key strength (Krumhansl): how well the chroma fits a key profile at all. A flat or
        // random chroma still correlates about 0.5 with its best rotation, a lone note or a drum
        // kit about 0.6; music in a key 0.75 and up.
        let fit = min(1, max(0, ((scores.max() ?? 0) - 0.55) / 0.2))
        // Split evidence: the key the whole chroma names should also be (nearly) the best key of
        // the register above the bass. When the bass's roots name one key and the chords and
        // melody above them another (a loop that dwells on IV or VI), it is a guess between them.
        let upperChroma = fold(upperHistogram, offsetBins: offsetBins)
        var consistency = 1.0
        if upperChroma.contains(where: { $0 > 0 }) {
            let upperScores = KeyProfile.temperley.correlations(with: upperChroma)
            let gap = (upperScores.max() ?? 0) - upperScores[best]
            consistency = min(1, max(0, 1 - gap / 0.1))
        }
        // Split between relatives: they share every note and chord, so the top line is what tells
        // them apart, and when its tonic triad is the relative key's the reading is a guess between
        // the two (a loop on vi–IV–I–V whose melody dwells on the vi's triad is i–VI–III–VII).
        let relative = key.relative
        let splitWithRelative = hasTopLine && MusicalKey.all[topLineBest] == relative
        let confidence = tonality * fit * (0.15 + 0.85 * clarity.squareRoot()) * (0.4 + 0.6 * agreement)
            * consistency * (splitWithRelative ? relativeSplitFactor : 1)
        let alternative = splitWithRelative ? relative
            : combined[best] - runnerUp < tieMargin ? MusicalKey.all[second] : nil
        return KeyEstimate(key: key, alternative: alternative, confidence: min(1, max(0, confidence)),
                           tuningCents: offsetBins * 100 / Double(per), chroma: chroma)
    }

    /// The 120-bin histogram folded into 12 pitch classes around the semitone centres shifted by
    /// `offsetBins` (cos² weights over ±50 cents), summing to 1 (zeros for an empty histogram).
    static func fold(_ histogram: [Double], offsetBins: Double) -> [Double] {
        let per = PitchHistogram.binsPerSemitone
        var chroma = [Double](repeating: 0, count: 12)
        for i in 0..<histogram.count {
            let semitones = (Double(i) - offsetBins) / Double(per)
            let nearest = semitones.rounded()
            let distance = abs(semitones - nearest)
            guard distance < 0.5 else { continue }
            let pitchClass = ((Int(nearest) % 12) + 12) % 12
            let w = cos(Double.pi * distance)
            chroma[pitchClass] += histogram[i] * w * w
        }
        let sum = chroma.reduce(0, +)
        return sum > 0 ? chroma.map { $0 / sum } : chroma
    }

    /// Indices into `MusicalKey.all` around the circle of fifths, minor and major interleaved,
    /// so that no mode is preferred when scores tie.
    private static let searchOrder: [Int] = (0..<12).flatMap { step -> [Int] in
        let tonic = (step * 7) % 12
        let minorIndex = 12 + (tonic + 9) % 12
        return step % 2 == 0 ? [minorIndex, tonic] : [tonic, minorIndex]
    }
}
