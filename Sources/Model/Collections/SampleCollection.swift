import Foundation

/// A collection: a batch of URLs (given, or a TikTok creator's posts) submitted as one, each
/// becoming a sample through the usual submit path. Credits are charged per item up front; an
/// item that fails for good, and every item a reset cancels, gives its credits back.
public struct SampleCollection: Codable, Sendable, Hashable, Identifiable {
    /// The collection's id.
    public var id: UUID
    /// The name of the user who made it.
    public var owner: String
    /// Where the URLs came from: `urls`, or `tiktok_user` (a creator's posts).
    public var source: String
    /// The TikTok username, for a creator's posts.
    public var tiktokUser: String?
    /// Where the batch is.
    public var status: SampleCollectionStatus
    /// How many items are in each state.
    public var progress: SampleCollectionProgress
    /// Credits charged when it was made.
    public var creditsCharged: Int
    /// Credits given back (failed items, a reset).
    public var creditsRefunded: Int
    /// The items, in order (nil in lists).
    public var items: [SampleCollectionItem]?
    /// When it was made.
    public var createdAt: Date
    /// When it was last reset, if it was.
    public var resetAt: Date?

    /// Creates a collection description.
    public init(id: UUID, owner: String, source: String, tiktokUser: String?, status: SampleCollectionStatus,
                progress: SampleCollectionProgress, creditsCharged: Int, creditsRefunded: Int,
                items: [SampleCollectionItem]?, createdAt: Date, resetAt: Date?) {
        self.id = id
        self.owner = owner
        self.source = source
        self.tiktokUser = tiktokUser
        self.status = status
        self.progress = progress
        self.creditsCharged = creditsCharged
        self.creditsRefunded = creditsRefunded
        self.items = items
        self.createdAt = createdAt
        self.resetAt = resetAt
    }

    enum CodingKeys: String, CodingKey {
        case id, owner, source, status, progress, items
        case tiktokUser = "tiktok_user"
        case creditsCharged = "credits_charged"
        case creditsRefunded = "credits_refunded"
        case createdAt = "created_at"
        case resetAt = "reset_at"
    }
}

/// Where a collection is, from its items.
public enum SampleCollectionStatus: String, Codable, Sendable, Hashable, CaseIterable {
    /// Some items are still pending or processing.
    case processing
    /// Every item is finished (completed, failed or cancelled by a reset).
    case finished
}

/// How many items of a collection are in each state.
public struct SampleCollectionProgress: Codable, Sendable, Hashable {
    /// Every item.
    public var total: Int
    /// Waiting for their sample's job.
    public var pending: Int
    /// Their sample is being processed.
    public var processing: Int
    /// Their sample is completed.
    public var completed: Int
    /// Failed for good (refunded).
    public var failed: Int
    /// Cancelled by a reset (refunded).
    public var cancelled: Int

    /// Counts of these item states.
    public init(_ states: [SampleCollectionItem.Status]) {
        total = states.count
        pending = states.filter { $0 == .pending }.count
        processing = states.filter { $0 == .processing }.count
        completed = states.filter { $0 == .completed }.count
        failed = states.filter { $0 == .failed }.count
        cancelled = states.filter { $0 == .cancelled }.count
    }

    /// Finished items over all items, 0–1 (1 for an empty collection).
    public var fraction: Double { total == 0 ? 1 : Double(completed + failed + cancelled) / Double(total) }
}

extension SampleTokError {
    /// No collection with that id among those the caller may see.
    public static func collectionNotFound(_ id: String) -> SampleTokError {
        SampleTokError(.collectionNotFound, "No collection of yours with id \(id). `sampletok collection list` shows them.")
    }
}
