import Foundation
import Model

/// What became of one Instagram mention: read the media, make it a sample, reply with its link.
public struct InstagramEngagement: Codable, Sendable, Hashable, Identifiable {
    /// Where a mention is.
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Recorded; its job has not started.
        case pending
        /// Its job is reading the media, waiting for the sample, or replying (`error` holds the
        /// last failed try while it retries).
        case processing
        /// The reply with the sample's link was posted.
        case completed
        /// Given up: `error` says why (`instagram.token_expired`, `instagram.rate_limited`, …).
        case failed
    }

    /// The engagement's id.
    public var id: UUID
    /// The mention.
    public var mention: InstagramMention
    /// Where it is.
    public var status: Status
    /// The media file the Graph API gave for the mentioned media.
    public var mediaURL: String?
    /// The sample made of it.
    public var sampleID: UUID?
    /// The id of our reply comment.
    public var replyID: String?
    /// Why it failed, or the last failed try while it retries.
    public var error: SampleTokError?
    /// When the mention arrived.
    public var createdAt: Date
    /// When the record last changed.
    public var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, mention, status, error
        case mediaURL = "media_url"
        case sampleID = "sample_id"
        case replyID = "reply_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}
