import Foundation

/// A TikTok link in one of the forms people paste: a post by id
/// (`www.`/`m.`/no host prefix, `/@user/video/ID`, `/@user/photo/ID`, `m.tiktok.com/v/ID.html`,
/// `/embed/v2/ID`), or a short link (`vm.tiktok.com/CODE`, `vt.tiktok.com/CODE`,
/// `www.tiktok.com/t/CODE`) that only its HTTP redirect turns into a post.
enum TikTokLink: Equatable, Sendable {
    /// A post: its numeric id, the account when the link names it, and whether it is a photo post.
    case post(id: String, username: String?, photo: Bool)
    /// A short link, to follow through its redirects.
    case short(String)

    /// The hosts of TikTok's own short links.
    static let shortLinkHosts: Set<String> = ["vm.tiktok.com", "vt.tiktok.com"]

    /// What `url` is, or nil when it is not a TikTok link. `extraShortLinkHosts` are hosts (or
    /// `host:port`) whose every link is a short link (a redirector in front of TikTok, a test server).
    static func parse(_ url: URLComponents, extraShortLinkHosts: Set<String> = []) -> TikTokLink? {
        guard let host = url.host?.lowercased(), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https" else { return nil }
        let hostPort = url.port.map { "\(host):\($0)" } ?? host
        let parts = url.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if extraShortLinkHosts.contains(host) || extraShortLinkHosts.contains(hostPort) {
            return parts.isEmpty ? nil : .short(text(of: url))
        }
        guard host == "tiktok.com" || host.hasSuffix(".tiktok.com") else { return nil }
        if shortLinkHosts.contains(host) {
            guard let code = parts.first, isCode(code) else { return nil }
            return .short(text(of: url))
        }
        switch parts.count {
        case 2 where parts[0] == "t" && isCode(parts[1]):
            return .short(text(of: url))
        case 2 where parts[0] == "v":
            // m.tiktok.com/v/ID.html
            let id = parts[1].hasSuffix(".html") ? String(parts[1].dropLast(5)) : parts[1]
            return isID(id) ? .post(id: id, username: nil, photo: false) : nil
        case 2 where parts[0] == "embed" && isID(parts[1]):
            return .post(id: parts[1], username: nil, photo: false)
        case 3 where parts[0] == "embed" && parts[1] == "v2" && isID(parts[2]):
            return .post(id: parts[2], username: nil, photo: false)
        case 3 where parts[0].hasPrefix("@") && (parts[1] == "video" || parts[1] == "photo") && isID(parts[2]):
            let user = String(parts[0].dropFirst())
            return .post(id: parts[2], username: isUsername(user) ? user : nil, photo: parts[1] == "photo")
        default:
            return nil
        }
    }

    /// The one URL every form of a post shares, so the same post pasted twice is one sample.
    /// TikTok opens it whatever the account (`@` with no name).
    static func canonical(id: String) -> String {
        "https://www.tiktok.com/@/video/\(id)"
    }

    /// The post's full URL when the account is known (`asURL`: `@` with no name when it is
    /// not), else its id: what the API is asked for (it takes both) and what a job resolves.
    static func apiArgument(id: String, username: String?, photo: Bool, asURL: Bool) -> String {
        guard username != nil || asURL else { return id }
        return "https://www.tiktok.com/@\(username ?? "")/\(photo ? "photo" : "video")/\(id)"
    }

    private static func text(of url: URLComponents) -> String {
        var copy = url
        copy.fragment = nil
        return copy.string ?? ""
    }

    private static func isID(_ text: String) -> Bool {
        (5...25).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static func isCode(_ text: String) -> Bool {
        (1...40).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }

    private static func isUsername(_ text: String) -> Bool {
        (1...64).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }
    }
}
