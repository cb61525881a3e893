import Foundation

/// The key evidence of the chords: which triad each frame holds, and how well the clip's chords
/// fit each key's harmonic functions.
///
/// - Chords: every frame's own histogram (fundamentals only, see `PitchHistogram.frameHistograms`)
///   is folded into 12 pitch classes with the clip's tuning, and the frame is assigned the one of
///   the 24 major and minor triads whose three tones hold the most of it (mean share on the
///   chord's tones minus mean share on the other nine). Each voiced frame counts once, so the
///   bass, however loud, counts as one note of the chord it sits under.
/// - Keys: the histogram of the 24 chords is correlated with each key's chord weights: the
///   diatonic major and minor triads of the key weighted tonic first (major: I, V, vi, IV, ii,
///   iii; minor: i, iv, VI, V, III, VII), every other triad 0. A loop on i–VI then reads as
///   the minor key (its tonic and a strong function) rather than as the major key of its VI
///   (whose I and weak iii it also is), which is the confusion the pitch profile alone makes.
/// - Chord frames: the share of voiced frames in which some triad has all three tones at 10 %
///   or more of the frame. Music with harmony has 20 % or more; drums, noise and a lone note
///   under 10 %. It is half of the gate that withholds a key (`KeyEstimator`).
enum ChordEvidence {
    /// The chord histogram of a clip and its share of frames that hold a chord.
    struct Chords: Sendable {
        /// How many frames were assigned each triad, majors C…B then minors C…B.
        var histogram: [Double]
        /// The share of voiced frames in which a full triad sounds (each tone ≥ 10 %).
        var chordFrameShare: Double
        /// The triad assigned most often in the first `openingFrames` voiced frames (the first
        /// of equals in triad order), in the order of `histogram`; nil without voiced frames.
        var openingChord: Int? = nil
    }

    /// The voiced frames (about 2 s) whose chords make the opening chord.
    static let openingFrames = 12

    /// The minimum share of a frame's chroma on each of a triad's tones for the frame to count
    /// as holding that chord.
    static let toneShare = 0.1

    /// Weights of the major and minor triads on each degree (semitones above the tonic) in a
    /// major key: I, ii, iii, IV, V, vi, tonic first.
    static let majorKeyChords: [(degree: Int, minor: Bool, weight: Double)] = [
        (0, false, 2.66), (2, true, 0.71), (4, true, 0.60), (5, false, 1.13), (7, false, 1.66), (9, true, 1.25),
    ]
    /// The same in a minor key: i, III, iv, V, VI, VII.
    static let minorKeyChords: [(degree: Int, minor: Bool, weight: Double)] = [
        (0, true, 1.30), (3, false, 0.36), (5, true, 1.00), (7, false, 0.64), (8, false, 0.73), (10, false, 0.02),
    ]

    /// The pitch classes of the 24 triads, majors C…B then minors C…B.
    static let triadTones: [(root: Int, third: Int, fifth: Int)] = (0..<24).map { triad in
        let root = triad % 12
        return (root, (root + (triad < 12 ? 4 : 3)) % 12, (root + 7) % 12)
    }

    /// Each key's chord weights over the 24 triads, in `MusicalKey.all` order (rows) and
    /// triad order majors C…B then minors C…B (columns).
    static let keyChordWeights: [[Double]] = {
        var rows: [[Double]] = []
        for (table, _) in [(majorKeyChords, false), (minorKeyChords, true)] {
            for tonic in 0..<12 {
                var row = [Double](repeating: 0, count: 24)
                for chord in table { row[(tonic + chord.degree) % 12 + (chord.minor ? 12 : 0)] = chord.weight }
                rows.append(row)
            }
        }
        return rows
    }()

    /// Assigns a triad to each of `frameCount` frame histograms of `PitchHistogram.binCount`
    /// bins (stored one after the other in `frames`), folded with the tuning offset `offsetBins`.
    static func chords(frames: [Float], frameCount: Int, offsetBins: Double) -> Chords {
        let binCount = PitchHistogram.binCount
        // The fold of `KeyEstimator.fold`, as one pitch class and one weight per bin.
        var pitchClassOfBin = [Int](repeating: 0, count: binCount)
        var weightOfBin = [Double](repeating: 0, count: binCount)
        for i in 0..<binCount {
            let semitones = (Double(i) - offsetBins) / Double(PitchHistogram.binsPerSemitone)
            let nearest = semitones.rounded()
            let distance = abs(semitones - nearest)
            guard distance < 0.5 else { continue }
            pitchClassOfBin[i] = ((Int(nearest) % 12) + 12) % 12
            let w = cos(Double.pi * distance)
            weightOfBin[i] = w * w
        }
        var histogram = [Double](repeating: 0, count: 24)
        var opening = [Int](repeating: 0, count: 24)
        var voiced = 0, chordFrames = 0
        var chroma = [Double](repeating: 0, count: 12)
        frames.withUnsafeBufferPointer { all in
            for frame in 0..<frameCount {
                for c in 0..<12 { chroma[c] = 0 }
                let base = frame * binCount
                for i in 0..<binCount { chroma[pitchClassOfBin[i]] += Double(all[base + i]) * weightOfBin[i] }
                let total = chroma.reduce(0, +)
                guard total > 0 else { continue }
                voiced += 1
                var best = 0, bestScore = -Double.infinity, full = false
                let least = toneShare * total
                for (triad, tones) in triadTones.enumerated() {
                    let a = chroma[tones.root], b = chroma[tones.third], c = chroma[tones.fifth]
                    let on = (a + b + c) / total
                    // Mean share on the three chord tones minus mean share on the other nine.
                    let score = on / 3 - (1 - on) / 9
                    if score > bestScore { bestScore = score; best = triad }
                    if a >= least, b >= least, c >= least { full = true }
                }
                histogram[best] += 1
                if voiced <= openingFrames { opening[best] += 1 }
                if full { chordFrames += 1 }
            }
        }
        var openingChord: Int? = nil
        if voiced > 0 {
            var most = 0
            for triad in 0..<24 where opening[triad] > opening[most] { most = triad }
            openingChord = most
        }
        return Chords(histogram: histogram,
                      chordFrameShare: voiced > 0 ? Double(chordFrames) / Double(voiced) : 0,
                      openingChord: openingChord)
    }

    /// Pearson correlations of a chord histogram with each key's chord weights, in
    /// `MusicalKey.all` order; zeros when no frame held a chord.
    static func keyCorrelations(with histogram: [Double]) -> [Double] {
        keyChordWeights.map { KeyProfile.pearson(histogram, $0) }
    }
}
