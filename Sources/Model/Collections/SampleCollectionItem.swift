import Foundation

/// One URL of a collection and the sample it became.
public struct SampleCollectionItem: Codable, Sendable, Hashable, Identifiable {
    /// Where an item is.
    public enum Status: String, Codable, Sendable, Hashable, CaseIterable {
        /// Its sample's job has not started (or it has no sample yet).
        case pending
        /// Its sample is being processed.
        case processing
        /// Its sample is completed.
        case completed
        /// It failed for good (its credits were given back): `error` says why.
        case failed
        /// A reset cancelled it before it was processed (its credits were given back).
        case cancelled
    }

    /// The item's id.
    public var id: UUID
    /// Its place in the collection, from 0.
    public var position: Int
    /// The URL as given.
    public var url: String
    /// The sample it became (shared with anyone who submitted the same URL).
    public var sampleID: UUID?
    /// Where it is.
    public var status: Status
    /// Why it failed.
    public var error: SampleTokError?

    /// Creates an item description.
    public init(id: UUID, position: Int, url: String, sampleID: UUID?, status: Status, error: SampleTokError?) {
        self.id = id
        self.position = position
        self.url = url
        self.sampleID = sampleID
        self.status = status
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case id, position, url, status, error
        case sampleID = "sample_id"
    }
}
