import Foundation

/// A TikTok account as `GET /user/info` describes it (`data.user` and `data.stats`, camelCase).
struct TikTokProfile: Decodable, Sendable, Equatable {
    /// The numeric account id.
    var id: String?
    /// The handle.
    var uniqueID: String?
    /// The display name.
    var nickname: String?
    /// The largest avatar given (`avatarLarger`, `avatarMedium`, then `avatarThumb`).
    var avatar: String?
    /// Followers.
    var followerCount: Int?
    /// Likes over all posts.
    var heartCount: Int?
    /// Posts.
    var videoCount: Int?

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        let user = try? c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("user"))
        let stats = try? c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("stats"))
        id = user?.lenientString(AnyKey("id"))
        uniqueID = user?.lenientString(AnyKey("uniqueId"))
        nickname = user?.lenientString(AnyKey("nickname"))
        avatar = user?.lenientString(AnyKey("avatarLarger")) ?? user?.lenientString(AnyKey("avatarMedium"))
            ?? user?.lenientString(AnyKey("avatarThumb"))
        followerCount = stats?.lenientInt(AnyKey("followerCount"))
        heartCount = stats?.lenientInt(AnyKey("heartCount")) ?? stats?.lenientInt(AnyKey("heart"))
        videoCount = stats?.lenientInt(AnyKey("videoCount"))
    }
}

/// One page of `GET /user/posts`: the posts and where the next page starts.
struct TikTokPostsPage: Decodable, Sendable, Equatable {
    /// The posts, newest first.
    var videos: [TikTokVideo]
    /// The `cursor` to pass for the next page.
    var cursor: String?
    /// Whether there is a next page.
    var hasMore: Bool

    /// Creates a page.
    init(videos: [TikTokVideo], cursor: String?, hasMore: Bool) {
        self.videos = videos
        self.cursor = cursor
        self.hasMore = hasMore
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        videos = c.lenient([TikTokVideo].self, AnyKey("videos")) ?? []
        cursor = c.lenientString(AnyKey("cursor"))
        hasMore = c.lenient(Bool.self, AnyKey("hasMore")) ?? c.lenient(Bool.self, AnyKey("has_more"))
            ?? (c.lenientInt(AnyKey("hasMore")).map { $0 != 0 } ?? false)
    }
}
