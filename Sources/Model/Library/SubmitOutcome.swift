/// What a submission did: the sample, and whether it is new.
public struct SubmitOutcome: Codable, Sendable {
    /// The sample (new, or the one already made from the same source).
    public var sample: Sample
    /// False when the same URL or file was already in the library.
    public var created: Bool

    /// Creates an outcome.
    public init(sample: Sample, created: Bool) {
        self.sample = sample
        self.created = created
    }
}
