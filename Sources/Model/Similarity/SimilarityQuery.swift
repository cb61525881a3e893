/// A similarity search: the aspect, how many neighbours, and filters the neighbours must pass
/// (the BPM range, key, compatible keys and scale of `SampleQuery`, with the same meaning).
public struct SimilarityQuery: Sendable, Hashable {
    /// What to compare.
    public var aspect: SimilarityAspect {
        didSet { groups = aspect.groups }
    }
    /// The groups compared: the aspect's, or another mix for a measurement (rhythm and timbre).
    public var groups: [DescriptorGroup]
    /// How many neighbours (1–100).
    public var limit: Int
    /// The filters: `bpmMin`, `bpmMax`, `bpmHalfDouble`, `key`, `compatibleWith`, `scale` are read;
    /// text, status, sort and page are not.
    public var filters: SampleQuery

    /// The most neighbours one search answers.
    public static let maximumLimit = 100

    /// Creates a search; by default 20 neighbours by every aspect, unfiltered.
    public init(aspect: SimilarityAspect = .all, limit: Int = 20, filters: SampleQuery = SampleQuery()) {
        self.aspect = aspect
        self.groups = aspect.groups
        self.limit = min(Self.maximumLimit, max(1, limit))
        self.filters = filters
    }

    /// Whether a sample with this tempo and Camelot code passes the filters.
    public func admits(bpm: Double?, camelot: String?) -> Bool {
        if filters.bpmMin != nil || filters.bpmMax != nil {
            guard let bpm else { return false }
            let low = filters.bpmMin ?? 0, high = filters.bpmMax ?? .infinity
            let tempos = filters.bpmHalfDouble == true ? [bpm, bpm * 2, bpm / 2] : [bpm]
            guard tempos.contains(where: { $0 >= low && $0 <= high }) else { return false }
        }
        if let codes = filters.camelotCodes {
            guard let camelot, codes.contains(camelot) else { return false }
        }
        return true
    }
}
