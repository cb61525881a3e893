import Foundation

/// One @mention of our Instagram account, from a webhook delivery: in a comment (with its
/// `comment_id`) or in a media's caption (no comment).
public struct InstagramMention: Codable, Sendable, Hashable {
    /// The mentioned account (`entry[].id`): ours, the one that replies.
    public var accountID: String
    /// The media the mention is on.
    public var mediaID: String
    /// The comment that mentions us; nil for a caption mention.
    public var commentID: String?

    /// Creates a mention.
    public init(accountID: String, mediaID: String, commentID: String? = nil) {
        self.accountID = accountID
        self.mediaID = mediaID
        self.commentID = commentID
    }

    /// What makes the mention unique: `comment:<id>`, or `media:<id>` for a caption mention.
    public var key: String { commentID.map { "comment:\($0)" } ?? "media:\(mediaID)" }

    enum CodingKeys: String, CodingKey {
        case accountID = "account_id"
        case mediaID = "media_id"
        case commentID = "comment_id"
    }

    /// Whether `text` can be a Graph API object id: 1 to 64 letters, digits, `_` or `-` (so it is
    /// safe in a URL path; real ids are digits).
    public static func isObjectID(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count)
            && text.utf8.allSatisfy { $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }
}

extension UInt8 {
    var isASCIIAlphanumeric: Bool {
        (48...57).contains(self) || (65...90).contains(self) || (97...122).contains(self)
    }
}
