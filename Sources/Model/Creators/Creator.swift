import Foundation

/// The person or account that posted the media a sample came from.
public struct Creator: Codable, Sendable, Hashable {
    /// Where the account lives: `tiktok`, `instagram`, `ytdlp`.
    public var platform: String
    /// The handle without `@`, as the platform spells it.
    public var username: String
    /// The name shown on the profile, when known.
    public var displayName: String?
    /// Followers, when the platform's profile gives them.
    public var followers: Int?
    /// The profile picture's URL, when known.
    public var avatarURL: String?
    /// When the profile was last fetched from the platform (nil: only what a post said about it).
    public var fetchedAt: Date?

    /// Creates a creator.
    public init(platform: String, username: String, displayName: String? = nil, followers: Int? = nil,
                avatarURL: String? = nil, fetchedAt: Date? = nil) {
        self.platform = platform
        self.username = username
        self.displayName = displayName
        self.followers = followers
        self.avatarURL = avatarURL
        self.fetchedAt = fetchedAt
    }

    enum CodingKeys: String, CodingKey {
        case platform, username, followers
        case displayName = "display_name"
        case avatarURL = "avatar_url"
        case fetchedAt = "fetched_at"
    }
}
