import FluentKit
import Foundation

/// A row of `samples`.
final class SampleModel: Model, AnalysisColumns, @unchecked Sendable {
    static let schema = "samples"

    @ID(key: .id) var id: UUID?
    @Field(key: "status") var status: String
    @Field(key: "source_url") var sourceURL: String
    @Field(key: "canonical_url") var canonicalURL: String
    @Field(key: "platform") var platform: String
    @OptionalField(key: "title") var title: String?
    @OptionalField(key: "description") var details: String?
    @OptionalField(key: "creator") var creator: String?
    @OptionalField(key: "creator_id") var creatorID: UUID?
    @OptionalField(key: "creator_platform") var creatorPlatform: String?
    @OptionalField(key: "creator_name") var creatorName: String?
    @OptionalField(key: "creator_followers") var creatorFollowers: Int?
    @OptionalField(key: "creator_avatar") var creatorAvatar: String?
    @OptionalField(key: "video_id") var videoID: String?
    @OptionalField(key: "cover_url") var coverURL: String?
    @OptionalField(key: "view_count") var viewCount: Int?
    @OptionalField(key: "like_count") var likeCount: Int?
    @OptionalField(key: "comment_count") var commentCount: Int?
    @OptionalField(key: "share_count") var shareCount: Int?
    @OptionalField(key: "duration_s") var duration: Double?
    @OptionalField(key: "bpm") var bpm: Double?
    @OptionalField(key: "bpm_confidence") var bpmConfidence: Double?
    @OptionalField(key: "key") var key: String?
    @OptionalField(key: "scale") var scale: String?
    @OptionalField(key: "key_confidence") var keyConfidence: Double?
    @OptionalField(key: "key_alternative") var keyAlternative: String?
    @OptionalField(key: "beats") var beats: String?
    @OptionalField(key: "camelot") var camelot: String?
    @OptionalField(key: "features") var features: Data?
    @OptionalField(key: "loudness_lufs") var loudness: Double?
    @OptionalField(key: "bpm_override") var bpmOverride: Double?
    @OptionalField(key: "key_override") var keyOverride: String?
    @OptionalField(key: "scale_override") var scaleOverride: String?
    @OptionalField(key: "camelot_override") var camelotOverride: String?
    @OptionalField(key: "files") var files: String?
    @Field(key: "download_count") var downloadCount: Int
    @OptionalField(key: "error_code") var errorCode: String?
    @OptionalField(key: "error_message") var errorMessage: String?
    @Field(key: "created_at") var createdAt: Double
    @Field(key: "updated_at") var updatedAt: Double
    @OptionalField(key: "completed_at") var completedAt: Double?

    init() {}
}
