import Foundation
import Model
import Net

/// The RapidAPI "TikTok Video No Watermark" API (tikwm's paid plan): a post's
/// metadata and no-watermark media, an account's profile, and an account's posts.
///
/// Every answer is the envelope `{code, msg, data}`; `code: -1` is the provider's refusal
/// (`link.not_found` for a link it cannot parse, `rate.limited` for its free-tier limit,
/// `fetch.provider_error` otherwise), and gateway errors are mapped by ``RapidAPIGateway``.
public struct TikTokClient: Sendable {
    /// The host the API is sold under, sent as `X-RapidAPI-Host` whatever the base URL.
    static let host = "tiktok-video-no-watermark2.p.rapidapi.com"
    /// The real service (`TIKTOK_API_BASE_URL` overrides it).
    static let defaultBaseURL = "https://\(host)"
    /// The most posts `GET /user/posts` gives per page.
    static let maxPageSize = 34

    let gateway: RapidAPIGateway

    /// A client of the API at `baseURL` with `key` (`RAPIDAPI_KEY`).
    init(baseURL: String, key: String, http: HTTPClient, attempts: Int = 3, retryDelay: Double = 0.5) {
        gateway = RapidAPIGateway(name: "The TikTok API (RapidAPI \"TikTok Video No Watermark\")", baseURL: baseURL,
                                  host: Self.host, key: key, http: http, attempts: attempts, retryDelay: retryDelay)
    }

    /// The post at `link` (a TikTok URL, a short link or a numeric post id), with HD media when
    /// there is one. Media URLs in the answer are made absolute against the base URL.
    func video(_ link: String) async throws -> TikTokVideo {
        let body = try await gateway.get("/", query: [("url", link), ("hd", "1")])
        guard var video = try decode(TikTokVideo.self, from: body, what: "the post \(link)") else {
            throw SampleTokError(.linkNotFound, "The TikTok API knows no post at \(link).")
        }
        video.play = gateway.absolute(video.play)
        video.hdplay = gateway.absolute(video.hdplay)
        video.music = gateway.absolute(video.music)
        video.cover = gateway.absolute(video.cover)
        video.images = video.images?.compactMap(gateway.absolute)
        return video
    }

    /// The profile of the account `username` (with or without `@`): display name, followers, avatar.
    func profile(_ username: String) async throws -> TikTokProfile {
        let handle = Self.handle(username)
        let body = try await gateway.get("/user/info", query: [("unique_id", handle)])
        guard let profile = try decode(TikTokProfile.self, from: body, what: "the account @\(handle)") else {
            throw SampleTokError(.linkNotFound, "The TikTok API knows no account @\(handle).")
        }
        return profile
    }

    /// One page of the posts of `username`, newest first: `count` posts (1–34), starting at
    /// `cursor` (nil: the newest; then the page's ``TikTokPostsPage/cursor``).
    func posts(of username: String, count: Int = maxPageSize, cursor: String? = nil) async throws -> TikTokPostsPage {
        let handle = Self.handle(username)
        let query = [("unique_id", handle), ("count", String(min(Self.maxPageSize, max(1, count)))), ("cursor", cursor ?? "0")]
        let body = try await gateway.get("/user/posts", query: query)
        return try decode(TikTokPostsPage.self, from: body, what: "the posts of @\(handle)")
            ?? TikTokPostsPage(videos: [], cursor: nil, hasMore: false)
    }

    /// The canonical URLs of the newest `limit` posts of `username`, paging as needed: what a
    /// collection of "a creator's posts" submits, one sample each.
    public func postURLs(of username: String, limit: Int) async throws -> [String] {
        var urls: [String] = []
        var cursor: String?
        var seen = Set<String>()
        while urls.count < limit {
            let page = try await posts(of: username, count: limit - urls.count, cursor: cursor)
            for video in page.videos {
                guard let id = video.id, seen.insert(id).inserted else { continue }
                urls.append(TikTokLink.canonical(id: id))
            }
            guard page.hasMore, let next = page.cursor, next != cursor, !page.videos.isEmpty else { break }
            cursor = next
        }
        return Array(urls.prefix(limit))
    }

    /// A handle without its `@` and surrounding spaces.
    public static func handle(_ username: String) -> String {
        let trimmed = username.trimmingCharacters(in: .whitespaces)
        return trimmed.hasPrefix("@") ? String(trimmed.dropFirst()) : trimmed
    }

    /// The `data` of an envelope, nil when it has none; the provider's `code: -1` as our error.
    private func decode<T: Decodable>(_ type: T.Type, from body: Data, what: String) throws -> T? {
        let envelope: TikTokEnvelope<T>
        do {
            envelope = try JSONDecoder().decode(TikTokEnvelope<T>.self, from: body)
        } catch {
            throw SampleTokError(.fetchProviderError, "\(gateway.name) sent an answer for \(what) that is not its JSON. Try again later.")
        }
        guard envelope.code == 0 else { throw Self.providerError(code: envelope.code, message: envelope.msg, what: what) }
        return envelope.data
    }

    /// The error for an envelope whose `code` is not 0.
    static func providerError(code: Int, message: String?, what: String) -> SampleTokError {
        let said = message ?? "no message"
        let lower = said.lowercased()
        if lower.hasPrefix("url parsing is failed") || lower.contains("not found") || lower.contains("private") {
            return SampleTokError(.linkNotFound, "TikTok could not find \(what): it may be private or deleted, or the link is wrong"
                                      + " (the API said \"\(said)\"). Check the link in a browser.")
        }
        if lower.contains("api limit") || lower.contains("too many") {
            return SampleTokError(.rateLimited, "The TikTok API is rate limited (\"\(said)\"); try again in a few seconds.")
        }
        return SampleTokError(.fetchProviderError, "The TikTok API failed for \(what) (code \(code): \"\(said)\"). Try again later.")
    }
}

/// The `{code, msg, data}` envelope of every TikTok API answer.
private struct TikTokEnvelope<T: Decodable>: Decodable {
    var code: Int
    var msg: String?
    var data: T?

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        guard let code = c.lenientInt(AnyKey("code")) else {
            throw DecodingError.dataCorruptedError(forKey: AnyKey("code"), in: c, debugDescription: "no code")
        }
        self.code = code
        msg = c.lenientString(AnyKey("msg"))
        data = code == 0 ? c.lenient(T.self, AnyKey("data")) : nil
    }
}
