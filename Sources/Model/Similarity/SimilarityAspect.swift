/// What "sounds like" means for a similarity search, like Sononym's aspect dial: each aspect
/// weighs some groups of the descriptor (`DescriptorGroup`), every weighed group equally.
public enum SimilarityAspect: String, Codable, Sendable, CaseIterable {
    /// The sound's colour and shape: timbre and loudness envelope.
    case timbre
    /// The groove: onsets, periodicity, swing, tempo, where in the beat the hits fall.
    case rhythm
    /// The harmony relative to the key, so a riff in another key still matches.
    case tonality
    /// Everything at once, each group weighing the same.
    case all

    /// The groups the aspect compares.
    public var groups: [DescriptorGroup] {
        switch self {
        case .timbre: [.timbre, .envelope]
        case .rhythm: [.rhythm]
        case .tonality: [.tonality]
        case .all: DescriptorGroup.allCases
        }
    }

    /// The next aspect, in the order the app's Tab steps through them.
    public var next: SimilarityAspect {
        let all = Self.allCases
        let index = all.firstIndex(of: self) ?? 0
        return all[(index + 1) % all.count]
    }
}
