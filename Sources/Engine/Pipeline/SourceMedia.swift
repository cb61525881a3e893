import Foundation
import Model

/// What a submission points at, once resolved: where the media is and what is known about it.
struct SourceMedia: Codable, Sendable {
    /// A local file (local mode), a URL to download, or a page only yt-dlp can download from.
    enum Location: Codable, Sendable {
        case file(String)
        case url(String)
        case ytdlp(String)
    }

    var location: Location
    /// `local`, `http`, `tiktok`, `instagram`, `ytdlp`.
    var platform: String
    var title: String?
    var description: String?
    /// The creator's username.
    var creator: String?
    var stats: SampleStats?
    /// The post's id on its platform.
    var videoID: String?
    /// The post's cover image URL.
    var coverURL: String?
    /// What the post says about its creator, then (after the resolve step) the cached profile.
    var creatorProfile: Creator?
    /// Headers the media URL wants (a site's `Referer` or `User-Agent`, as yt-dlp names them).
    var headers: [String: String]?

    init(location: Location, platform: String, title: String? = nil, description: String? = nil, creator: String? = nil,
         stats: SampleStats? = nil, videoID: String? = nil, coverURL: String? = nil, creatorProfile: Creator? = nil) {
        self.location = location
        self.platform = platform
        self.title = title
        self.description = description
        self.creator = creator
        self.stats = stats
        self.videoID = videoID
        self.coverURL = coverURL
        self.creatorProfile = creatorProfile
    }
}

extension SourceMedia {
    /// A post's caption as a title (its first line, at most 120 characters) and a description
    /// (the whole caption, when it says more than the title).
    static func title(fromCaption caption: String?) -> (title: String?, description: String?) {
        guard let caption = caption?.trimmingCharacters(in: .whitespacesAndNewlines), !caption.isEmpty,
              let line = caption.split(whereSeparator: \.isNewline).first.map(String.init) else { return (nil, nil) }
        let title = line.count > 120 ? String(line.prefix(119)) + "…" : line
        return (title, caption == title ? nil : caption)
    }
}
