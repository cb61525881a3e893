import FluentKit
import Foundation
import Model
import SQLKit

extension SampleModel {
    /// The model of a `samples` row read through SQLKit (`SELECT s.*`), filled column by column:
    /// the values `row.decode(fluentModel:)` gives, without the reflection Fluent walks a model's
    /// properties with for every row (a list page's largest cost after its query).
    convenience init(row: any SQLRow) throws {
        self.init()
        func value<T: Decodable>(_ column: String, _ type: T.Type = T.self) throws -> T { try row.decode(column: column, as: T.self) }
        id = try value("id", UUID.self)
        status = try value("status")
        sourceURL = try value("source_url")
        canonicalURL = try value("canonical_url")
        platform = try value("platform")
        title = try value("title")
        details = try value("description")
        creator = try value("creator")
        creatorID = try value("creator_id")
        creatorPlatform = try value("creator_platform")
        creatorName = try value("creator_name")
        creatorFollowers = try value("creator_followers")
        creatorAvatar = try value("creator_avatar")
        videoID = try value("video_id")
        coverURL = try value("cover_url")
        viewCount = try value("view_count")
        likeCount = try value("like_count")
        commentCount = try value("comment_count")
        shareCount = try value("share_count")
        duration = try value("duration_s")
        bpm = try value("bpm")
        bpmConfidence = try value("bpm_confidence")
        key = try value("key")
        scale = try value("scale")
        keyConfidence = try value("key_confidence")
        keyAlternative = try value("key_alternative")
        beats = try value("beats")
        camelot = try value("camelot")
        loudness = try value("loudness_lufs")
        bpmOverride = try value("bpm_override")
        keyOverride = try value("key_override")
        scaleOverride = try value("scale_override")
        camelotOverride = try value("camelot_override")
        files = try value("files")
        downloadCount = try value("download_count")
        errorCode = try value("error_code")
        errorMessage = try value("error_message")
        createdAt = try value("created_at")
        updatedAt = try value("updated_at")
        completedAt = try value("completed_at")
    }
}
