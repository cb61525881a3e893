import Foundation

/// The neighbours of a sample, closest first (`GET /api/v1/samples/{id}/similar`).
public struct SimilarSamples: Codable, Sendable, Hashable {
    /// The sample whose neighbours these are.
    public var sampleID: UUID
    /// The aspect they were compared by.
    public var aspect: SimilarityAspect
    /// The neighbours, most similar first (the sample itself is never one).
    public var items: [SimilarSample]

    /// Creates a result.
    public init(sampleID: UUID, aspect: SimilarityAspect, items: [SimilarSample]) {
        self.sampleID = sampleID
        self.aspect = aspect
        self.items = items
    }

    enum CodingKeys: String, CodingKey {
        case sampleID = "sample_id"
        case aspect, items
    }
}
