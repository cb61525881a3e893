import Foundation
import Model

/// Claims any link that is not a direct media file when yt-dlp is installed (it knows
/// thousands of sites), and resolves it from `yt-dlp --dump-json`; the download step then has
/// yt-dlp fetch the best audio.
struct YTDLPResolver: LinkResolver {
    let tool: YTDLP

    func claim(_ url: URLComponents) async throws -> ClaimedLink? {
        guard !DirectLinkResolver.looksLikeMedia(url), let text = url.string,
              let canonical = URLCanonicalizer.canonical(text) else { return nil }
        return ClaimedLink(canonical: canonical, source: text, platform: "ytdlp")
    }

    func resolve(_ link: ClaimedLink) async throws -> SourceMedia {
        let info = try await tool.metadata(link.source)
        let handle = info.uploaderID.map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }
        var creator: Creator?
        if let handle, !handle.isEmpty {
            // An account is known by its site (yt-dlp's extractor) and its handle there.
            creator = Creator(platform: info.extractor?.lowercased() ?? "ytdlp", username: handle, displayName: info.uploader, followers: info.followers)
        }
        let stats = SampleStats(views: info.views, likes: info.likes, comments: info.comments, shares: info.reposts)
        return SourceMedia(location: .ytdlp(link.source), platform: "ytdlp", title: info.title ?? link.canonical,
                           description: info.description, creator: creator?.username,
                           stats: stats == SampleStats() ? nil : stats, videoID: info.id, coverURL: info.thumbnail,
                           creatorProfile: creator)
    }
}
