import Foundation

/// An Instagram post link: `/p/CODE`, `/reel/CODE`, `/reels/CODE`, `/tv/CODE`,
/// also after a username (`/user/reel/CODE`), on `instagram.com` with or without `www.`/`m.`;
/// query strings (`?igsh=…`) are ignored.
enum InstagramLink {
    /// The shortcode of the post `url` names, or nil when it is not an Instagram post link.
    static func shortcode(_ url: URLComponents) -> String? {
        guard let host = url.host?.lowercased(), host == "instagram.com" || host.hasSuffix(".instagram.com"),
              let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else { return nil }
        var parts = url.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if parts.count == 3, !kinds.contains(parts[0]) { parts.removeFirst() }
        guard parts.count == 2, kinds.contains(parts[0]), isShortcode(parts[1]) else { return nil }
        return parts[1]
    }

    /// The one URL of a post, whatever form it was pasted in.
    static func canonical(_ shortcode: String) -> String { "https://www.instagram.com/p/\(shortcode)/" }

    private static let kinds: Set<String> = ["p", "reel", "reels", "tv"]

    private static func isShortcode(_ text: String) -> Bool {
        (5...64).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }
}
