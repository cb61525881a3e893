/// Engagement figures of the post a sample came from, when the source gives them.
public struct SampleStats: Codable, Sendable, Hashable {
    /// Views.
    public var views: Int?
    /// Likes.
    public var likes: Int?
    /// Comments.
    public var comments: Int?
    /// Shares.
    public var shares: Int?

    /// Creates stats.
    public init(views: Int? = nil, likes: Int? = nil, comments: Int? = nil, shares: Int? = nil) {
        self.views = views
        self.likes = likes
        self.comments = comments
        self.shares = shares
    }
}
