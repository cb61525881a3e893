import FluentKit
import Foundation
import Model

/// A row of `instagram_engagements`: one mention of the account and what became of it.
final class InstagramEngagementModel: Model, @unchecked Sendable {
    static let schema = "instagram_engagements"

    @ID(key: .id) var id: UUID?
    @Field(key: "mention_key") var mentionKey: String
    @Field(key: "account_id") var accountID: String
    @Field(key: "media_id") var mediaID: String
    @OptionalField(key: "comment_id") var commentID: String?
    @Field(key: "status") var status: String
    @OptionalField(key: "job_id") var jobID: UUID?
    @OptionalField(key: "media_url") var mediaURL: String?
    @OptionalField(key: "sample_id") var sampleID: UUID?
    @OptionalField(key: "reply_id") var replyID: String?
    @OptionalField(key: "error_code") var errorCode: String?
    @OptionalField(key: "error_message") var errorMessage: String?
    @Field(key: "created_at") var createdAt: Double
    @Field(key: "updated_at") var updatedAt: Double

    init() {}

    /// The engagement as the engine shows it.
    var engagement: InstagramEngagement? {
        guard let id else { return nil }
        return InstagramEngagement(id: id, mention: InstagramMention(accountID: accountID, mediaID: mediaID, commentID: commentID),
                                   status: InstagramEngagement.Status(rawValue: status) ?? .pending,
                                   mediaURL: mediaURL, sampleID: sampleID, replyID: replyID,
                                   error: errorCode.map { SampleTokError(code: $0, message: errorMessage ?? "") },
                                   createdAt: Date(timeIntervalSince1970: createdAt), updatedAt: Date(timeIntervalSince1970: updatedAt))
    }
}
