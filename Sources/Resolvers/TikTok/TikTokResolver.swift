import Foundation
import Model
import Net

/// Claims TikTok links (every form of ``TikTokLink``), follows short links through their real
/// HTTP redirects to the post they name, and resolves posts through the TikTok API: the
/// no-watermark video (a photo post's sound), caption, stats, cover and author.
struct TikTokResolver: LinkResolver {
    /// The API client; nil when `RAPIDAPI_KEY` is not set (TikTok links are then refused, naming it).
    let client: TikTokClient?
    /// The client that follows short links (the user's URL: the server's address policy applies).
    let redirects: HTTPClient
    /// Hosts whose links are short links besides TikTok's own.
    let extraShortLinkHosts: Set<String>

    /// The most redirects a short link may take.
    static let maxRedirects = 5

    func claim(_ url: URLComponents) async throws -> ClaimedLink? {
        guard let link = TikTokLink.parse(url, extraShortLinkHosts: extraShortLinkHosts) else { return nil }
        _ = try client.required()
        switch link {
        case .post(let id, let username, let photo):
            return ClaimedLink(canonical: TikTokLink.canonical(id: id),
                               source: TikTokLink.apiArgument(id: id, username: username, photo: photo, asURL: true),
                               platform: "tiktok")
        case .short(let short):
            guard case .post(let id, let username, let photo) = try await follow(short) else {
                throw SampleTokError(.linkNotFound, "The short link \(short) did not lead to a TikTok post.")
            }
            return ClaimedLink(canonical: TikTokLink.canonical(id: id),
                               source: TikTokLink.apiArgument(id: id, username: username, photo: photo, asURL: true),
                               platform: "tiktok")
        }
    }

    func resolve(_ link: ClaimedLink) async throws -> SourceMedia {
        let client = try self.client.required()
        guard let components = URLComponents(string: link.source),
              case .post(let id, let username, let photo) = TikTokLink.parse(components) else {
            throw SampleTokError(.linkInvalid, "'\(link.source)' is not a TikTok post link.")
        }
        let video = try await client.video(TikTokLink.apiArgument(id: id, username: username, photo: photo, asURL: false))
        return try Self.media(of: video, id: id, link: link.canonical)
    }

    func profile(platform: String, username: String) async throws -> Creator? {
        guard platform == "tiktok", let client else { return nil }
        let profile = try await client.profile(username)
        return Creator(platform: "tiktok", username: profile.uniqueID ?? TikTokClient.handle(username),
                       displayName: profile.nickname, followers: profile.followerCount, avatarURL: profile.avatar)
    }

    /// What a post gives a sample: its media (a photo post's sound), caption, stats, cover, author.
    static func media(of video: TikTokVideo, id: String, link: String) throws -> SourceMedia {
        let media = video.isPhotoPost ? video.music : (video.hdplay ?? video.play ?? video.music)
        guard let media else {
            throw SampleTokError(.linkNoMedia, "The TikTok post \(link) has no video or sound the API could give; it cannot become a sample.")
        }
        let (caption, description) = SourceMedia.title(fromCaption: video.title)
        let title = caption ?? video.musicTitle.map { "\($0)\(video.musicAuthor.map { " – \($0)" } ?? "")" }
        var creator: Creator?
        if let handle = video.author?.uniqueID {
            creator = Creator(platform: "tiktok", username: handle, displayName: video.author?.nickname,
                              avatarURL: video.author?.avatar)
        }
        let stats = SampleStats(views: video.playCount, likes: video.diggCount, comments: video.commentCount,
                                shares: video.shareCount)
        return SourceMedia(location: .url(media), platform: "tiktok", title: title ?? "TikTok \(id)",
                           description: description, creator: creator?.username,
                           stats: stats == SampleStats() ? nil : stats, videoID: video.id ?? id,
                           coverURL: video.cover, creatorProfile: creator)
    }

    /// Follows `short` one redirect at a time (without fetching TikTok's pages) until it names a post.
    func follow(_ short: String) async throws -> TikTokLink? {
        var current = short
        for _ in 0..<Self.maxRedirects {
            var request = HTTPRequest.get(current)
            request.followRedirects = false
            request.timeout = .seconds(20)
            request.maxResponseBytes = 1 << 20
            let response: HTTPResponse
            do {
                response = try await redirects.send(request)
            } catch let error as NetError {
                throw SampleTokError(code: error.code, message: error.message)
            }
            guard (300..<400).contains(response.status), let location = response.headers["Location"],
                  let next = URL(string: location, relativeTo: URL(string: current))?.absoluteURL,
                  let components = URLComponents(url: next, resolvingAgainstBaseURL: true) else {
                throw SampleTokError(.linkNotFound, "The short link \(short) did not lead to a TikTok post (HTTP \(response.status))."
                                         + " Open it in a browser and paste the post's address instead.")
            }
            switch TikTokLink.parse(components, extraShortLinkHosts: extraShortLinkHosts) {
            case .post(let id, let username, let photo)?: return .post(id: id, username: username, photo: photo)
            case .short(let again)?: current = again
            case nil:
                throw SampleTokError(.linkNotFound, "The short link \(short) leads to \(next.absoluteString), which is not a TikTok post"
                                         + " (a deleted post or an expired link?).")
            }
        }
        throw SampleTokError(.linkNotFound, "The short link \(short) redirected more than \(Self.maxRedirects) times without reaching a post.")
    }
}
