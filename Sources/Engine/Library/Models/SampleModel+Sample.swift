import Foundation
import Model
import Resolvers

extension SampleModel {
    /// The shared `Sample` this row describes.
    func sample() throws -> Sample {
        guard let id else { throw SampleTokError(.libraryInternal, "a sample row has no id") }
        let overrides = SampleOverrides(bpm: bpmOverride, key: Self.musicalKey(keyOverride, scaleOverride))
        let stats = SampleStats(views: viewCount, likes: likeCount, comments: commentCount, shares: shareCount)
        return Sample(
            id: id, status: SampleStatus(rawValue: status) ?? .pending,
            // Redacted again on the way out: rows stored before submissions were redacted may hold credentials.
            sourceURL: URLRedactor.redact(sourceURL), canonicalURL: URLRedactor.redact(canonicalURL),
            platform: platform, title: title, description: details, creator: creator,
            creatorProfile: creatorProfile, videoID: videoID, coverURL: coverURL,
            stats: stats == SampleStats() ? nil : stats, duration: duration, analysis: storedAnalysis,
            overrides: overrides.isEmpty ? nil : overrides,
            files: try storedFiles,
            downloadCount: downloadCount,
            error: errorCode.map { SampleTokError(code: $0, message: errorMessage ?? "") },
            createdAt: Date(timeIntervalSince1970: createdAt), updatedAt: Date(timeIntervalSince1970: updatedAt),
            completedAt: completedAt.map(Date.init(timeIntervalSince1970:)))
    }

    /// The creator as the sample's row keeps it, when the sample is linked to one.
    var creatorProfile: Creator? {
        guard let creator, let creatorPlatform else { return nil }
        return Creator(platform: creatorPlatform, username: creator, displayName: creatorName, followers: creatorFollowers,
                       avatarURL: creatorAvatar)
    }

    /// Links the row to its creator and keeps the creator's shown fields beside it.
    func link(_ creator: Creator, id: UUID?) {
        creatorID = id
        self.creator = creator.username
        creatorPlatform = creator.platform
        creatorName = creator.displayName
        creatorFollowers = creator.followers
        creatorAvatar = creator.avatarURL
    }

    /// Stores a user's overrides; nil values clear them.
    func apply(_ overrides: SampleOverrides) {
        bpmOverride = overrides.bpm
        keyOverride = overrides.key?.tonic.name
        scaleOverride = overrides.key?.scale.rawValue
        camelotOverride = overrides.key?.camelot
    }
}
