import Foundation

/// The top line of a clip (its melody, or the highest voice of its chords) as a pitch histogram,
/// and how well it sits on each key's tonic triad.
///
/// Chords alone cannot tell a loop on I–IV from one on V–I of the IV (C F is also V I of F
/// major), and the pitch profile reads the two roots as the key of the lower fourth: both name F
/// major for a loop made in C. What names the tonic there is the line on top, which dwells on the
/// tonic triad. Per frame the top note is the highest strong peak (within `strongRange`, 20 dB,
/// of the frame's strongest, between `lowestHz` and `highestHz`) that is not a partial of a lower
/// strong peak: a peak at the h-th partial (h = 2…6, ±0.3 semitone) of a lower one counts as that
/// note's overtone unless it is louder than `partialDecay`^(h−1) times it, so a melody note an
/// octave or a twelfth above a chord tone (louder than that tone's own partial) stays a note.
/// The top notes vote with their magnitude into a 10-cent histogram like `PitchHistogram`'s.
/// The peaks reach 3 kHz, above the key profile's 1.5 kHz, because melodies lie above the chords.
struct TopLine {
    /// Peaks within this factor of the frame's strongest (20 dB) count as notes of the frame.
    static let strongRange: Float = 0.1
    /// The lowest frequency a top note may have (below it, bass and chord roots).
    static let lowestHz: Float = 300
    /// The highest frequency of the peaks searched for the top line.
    static let highestHz: Float = 3_000
    /// A peak at a lower strong peak's h-th partial is its overtone unless louder than this^(h−1)
    /// times it.
    static let partialDecay: Float = 0.85
    /// 12·log2(h) for the partials h = 2…6.
    private static let partialSemitones: [Float] = (2...6).map { Float(12 * Foundation.log2(Double($0))) }
    /// How far (semitones) a peak may lie from a partial's pitch and still be taken for it.
    private static let tolerance: Float = 0.3
    private static let lowestPitch = 12 * (Float(Foundation.log2(Double(lowestHz))) - Float(Foundation.log2(440.0))) + 69

    /// Magnitude-weighted votes of the frames' top notes, `PitchHistogram.binCount` bins of 10 cents.
    private(set) var histogram = [Double](repeating: 0, count: PitchHistogram.binCount)
    private var strongPitches: [Float] = []
    private var strongWeights: [Float] = []

    /// Adds the top note of one frame, given its peaks' pitches (MIDI numbers, ascending, up to
    /// `highestHz`) and magnitudes.
    mutating func add(pitches: [Float], weights: [Float]) {
        guard let loudest = weights.max(), loudest > 0 else { return }
        let floor = loudest * Self.strongRange
        strongPitches.removeAll(keepingCapacity: true)
        strongWeights.removeAll(keepingCapacity: true)
        for index in pitches.indices where weights[index] >= floor {
            strongPitches.append(pitches[index])
            strongWeights.append(weights[index])
        }
        // From the top down, the first strong peak high enough that no lower one explains it.
        var index = strongPitches.count - 1
        while index >= 0, strongPitches[index] >= Self.lowestPitch {
            if !isPartial(index) {
                let bins = strongPitches[index] * Float(PitchHistogram.binsPerSemitone)
                let count = PitchHistogram.binCount
                let position = bins - (bins / Float(count)).rounded(.down) * Float(count)
                let lower = min(max(0, Int(position)), count - 1)
                let fraction = Double(position - Float(lower))
                let weight = Double(strongWeights[index])
                histogram[lower] += weight * (1 - fraction)
                histogram[(lower + 1) % count] += weight * fraction
                return
            }
            index -= 1
        }
    }

    /// Whether the strong peak at `index` is weaker than a lower strong peak's partial there.
    private func isPartial(_ index: Int) -> Bool {
        let pitch = strongPitches[index], weight = strongWeights[index]
        var expected: Float = 1
        for semitones in Self.partialSemitones {
            expected *= Self.partialDecay
            let target = pitch - semitones
            for lower in 0..<index where abs(strongPitches[lower] - target) < Self.tolerance {
                if weight < strongWeights[lower] * expected { return true }
            }
        }
        return false
    }

    /// Pearson correlations of the top line's chroma with each key's tonic triad (1 on its three
    /// tones, 0 elsewhere), in `MusicalKey.all` order; zeros when there is no top line.
    static func tonicTriadCorrelations(with chroma: [Double]) -> [Double] {
        guard chroma.contains(where: { $0 > 0 }) else { return [Double](repeating: 0, count: 24) }
        return ChordEvidence.triadTones.map { tones in
            var template = [Double](repeating: 0, count: 12)
            for tone in [tones.root, tones.third, tones.fifth] { template[tone] = 1 }
            return KeyProfile.pearson(chroma, template)
        }
    }
}
