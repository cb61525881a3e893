/// What makes a collection: a list of URLs, or a TikTok creator's latest posts (the body of
/// `POST /api/v1/collections`).
public struct CollectionRequest: Codable, Sendable, Hashable {
    /// The URLs, one item each (duplicates are one item).
    public var urls: [String]?
    /// A TikTok username (with or without `@`) whose latest posts become the items.
    public var tiktokUser: String?
    /// How many of the creator's posts (default and most: the server's item limit).
    public var limit: Int?

    /// A collection of these URLs.
    public static func urls(_ urls: [String]) -> CollectionRequest { CollectionRequest(urls: urls) }

    /// A collection of a TikTok creator's latest posts.
    public static func tiktokUser(_ name: String, limit: Int? = nil) -> CollectionRequest {
        CollectionRequest(tiktokUser: name, limit: limit)
    }

    /// Creates a request.
    public init(urls: [String]? = nil, tiktokUser: String? = nil, limit: Int? = nil) {
        self.urls = urls
        self.tiktokUser = tiktokUser
        self.limit = limit
    }

    enum CodingKeys: String, CodingKey {
        case urls, limit
        case tiktokUser = "tiktok_user"
    }
}
