/// The parts of a `SoundDescriptor`, in the order its values hold them.
///
/// - `timbre` (32): the means (12) and spreads (12) of MFCC 1–12 over the sounding frames, the
///   mean and spread of the spectral centroid (log2 of Hz), the mean spectral flatness (over mel
///   bands), the spectral contrast of four bands (peak over mean, log2) and the share of the
///   spectrum's energy above 2.5 kHz.
/// - `envelope` (6): the loudness shape: attack time, decay slope, crest (peak over mean level),
///   level spread, share of sounding frames, duration (log2 of seconds).
/// - `rhythm` (19): onset rate, periodicity strength, swing, kick and snare shares of the onset
///   strength, novelty, tempo (log2 of BPM / 120; 0 without one), and the onset strength of 12
///   places in the beat (a beat-synchronous profile; zeros without a tempo).
/// - `tonality` (16): the chroma rotated so the detected key's tonic is first (the strongest pitch
///   class when there is no key), the key's mode (+1 major, −1 minor, 0 none), how well the
///   chroma fits a major and a minor triad on its best root, and its tonalness (contrast).
public enum DescriptorGroup: String, CaseIterable, Sendable {
    case timbre, envelope, rhythm, tonality

    /// How many values the group has.
    public var count: Int {
        switch self {
        case .timbre: 32
        case .envelope: 6
        case .rhythm: 19
        case .tonality: 16
        }
    }

    /// Where the group's values are in the descriptor.
    public var range: Range<Int> {
        var start = 0
        for group in Self.allCases {
            if group == self { break }
            start += group.count
        }
        return start..<(start + count)
    }
}
