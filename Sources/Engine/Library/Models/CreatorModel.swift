import FluentKit
import Foundation
import Model

/// A row of `creators`.
final class CreatorModel: Model, @unchecked Sendable {
    static let schema = "creators"

    @ID(key: .id) var id: UUID?
    @Field(key: "platform") var platform: String
    @Field(key: "username") var username: String
    @OptionalField(key: "display_name") var displayName: String?
    @OptionalField(key: "followers") var followers: Int?
    @OptionalField(key: "avatar_url") var avatarURL: String?
    @OptionalField(key: "fetched_at") var fetchedAt: Double?
    @Field(key: "updated_at") var updatedAt: Double

    init() {}

    /// The shared `Creator` this row describes.
    var creator: Creator {
        Creator(platform: platform, username: username, displayName: displayName, followers: followers,
                avatarURL: avatarURL, fetchedAt: fetchedAt.map(Date.init(timeIntervalSince1970:)))
    }

    /// Takes the fields of `creator` (a nil field keeps what the row had).
    func apply(_ creator: Creator) {
        platform = creator.platform
        username = creator.username
        displayName = creator.displayName ?? displayName
        followers = creator.followers ?? followers
        avatarURL = creator.avatarURL ?? avatarURL
        if let fetched = creator.fetchedAt { fetchedAt = fetched.timeIntervalSince1970 }
    }
}
