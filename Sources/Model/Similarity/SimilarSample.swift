/// One neighbour a similarity search found: the sample and how close it sounds.
public struct SimilarSample: Codable, Sendable, Hashable {
    /// The neighbour.
    public var sample: Sample
    /// 0–1: 1 sounds the same (equal descriptors in the aspect's groups); about 0.37 is as far as
    /// two samples picked at random from the library are apart on average.
    public var similarity: Double

    /// Creates a neighbour.
    public init(sample: Sample, similarity: Double) {
        self.sample = sample
        self.similarity = similarity
    }
}
