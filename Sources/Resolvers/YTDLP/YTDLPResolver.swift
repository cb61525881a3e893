import Foundation
import Model
import Net

/// Claims any link that is not a direct media file when yt-dlp is installed (it knows
/// thousands of sites), and resolves it from `yt-dlp --dump-json`.
///
/// In the local app yt-dlp then downloads the best audio itself. A server (a public-only address
/// policy) never lets yt-dlp fetch on its own terms: it claims only pages of `allowedHosts`
/// (`YTDLP_ALLOWED_HOSTS`), checks the page's addresses under the policy before yt-dlp sees the
/// URL, has yt-dlp only extract, and downloads the file yt-dlp names through Net under the same
/// policy, redirects included (SSRF).
struct YTDLPResolver: LinkResolver {
    let tool: YTDLP
    /// The policy of every fetch the job makes.
    let policy: AddressPolicy
    /// The sites whose pages a server hands to yt-dlp.
    let allowedHosts: HostList

    /// Whether this is a server's resolver: yt-dlp only extracts.
    var extractsOnly: Bool { policy.refusesNonPublic }

    func claim(_ url: URLComponents) async throws -> ClaimedLink? {
        guard !DirectLinkResolver.looksLikeMedia(url), let text = url.string,
              let canonical = URLCanonicalizer.canonical(text) else { return nil }
        if extractsOnly {
            guard let host = url.host, allowedHosts.admits(host) else { return nil }
        }
        return ClaimedLink(canonical: canonical, source: text, platform: "ytdlp")
    }

    func resolve(_ link: ClaimedLink) async throws -> SourceMedia {
        if extractsOnly {
            do {
                try await policy.check(url: link.source)
            } catch let error as NetError {
                throw SampleTokError(code: error.code, message: error.message)
            }
        }
        let info = try await tool.metadata(link.source)
        let handle = info.uploaderID.map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }
        var creator: Creator?
        if let handle, !handle.isEmpty {
            // An account is known by its site (yt-dlp's extractor) and its handle there.
            creator = Creator(platform: info.extractor?.lowercased() ?? "ytdlp", username: handle, displayName: info.uploader, followers: info.followers)
        }
        let stats = SampleStats(views: info.views, likes: info.likes, comments: info.comments, shares: info.reposts)
        var source = SourceMedia(location: .ytdlp(link.source), platform: "ytdlp", title: info.title ?? link.canonical,
                                 description: info.description, creator: creator?.username,
                                 stats: stats == SampleStats() ? nil : stats, videoID: info.id, coverURL: info.thumbnail,
                                 creatorProfile: creator)
        if extractsOnly {
            source.location = .url(try Self.mediaFile(of: info, page: link.source))
            source.headers = info.httpHeaders.isEmpty ? nil : info.httpHeaders
        }
        return source
    }

    /// The one http(s) file yt-dlp chose for `page`; a stream (HLS, DASH) or nothing is refused,
    /// since a server fetches single files only.
    static func mediaFile(of info: YTDLPInfo, page: String) throws -> String {
        let plain: Set<String> = ["http", "https"]
        guard let url = info.mediaURL, let scheme = URLComponents(string: url)?.scheme?.lowercased(), plain.contains(scheme),
              plain.contains(info.mediaProtocol?.lowercased() ?? scheme) else {
            throw SampleTokError.linkUnsupported(
                "yt-dlp names no single audio or video file for \(page) (\(info.mediaProtocol ?? "no URL")); this server fetches plain http(s) files only.")
        }
        return url
    }
}
