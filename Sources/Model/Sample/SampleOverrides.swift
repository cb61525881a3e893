/// A user's own tempo and key for a sample, kept apart from what the analysis detected.
public struct SampleOverrides: Codable, Sendable, Hashable {
    /// The tempo the user set.
    public var bpm: Double?
    /// The key the user set.
    public var key: MusicalKey?

    /// Creates overrides.
    public init(bpm: Double? = nil, key: MusicalKey? = nil) {
        self.bpm = bpm
        self.key = key
    }

    /// Whether nothing is overridden.
    public var isEmpty: Bool { bpm == nil && key == nil }
}
