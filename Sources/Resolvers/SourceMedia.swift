import Foundation
import Model

/// What a submission points at, once resolved: where the media is and what is known about it.
public struct SourceMedia: Codable, Sendable {
    /// A local file (local mode), a URL to download, or a page only yt-dlp can download from.
    public enum Location: Codable, Sendable {
        /// A file on this machine.
        case file(String)
        /// A media URL to download.
        case url(String)
        /// A page whose media yt-dlp names.
        case ytdlp(String)
    }

    /// Where the media is.
    public var location: Location
    /// `local`, `http`, `tiktok`, `instagram`, `ytdlp`.
    public var platform: String
    /// The post's title.
    public var title: String?
    /// The post's caption.
    public var description: String?
    /// The creator's username.
    public var creator: String?
    /// Plays, likes and the like, when the platform tells them.
    public var stats: SampleStats?
    /// The post's id on its platform.
    public var videoID: String?
    /// The post's cover image URL.
    public var coverURL: String?
    /// What the post says about its creator, then (after the resolve step) the cached profile.
    public var creatorProfile: Creator?
    /// Headers the media URL wants (a site's `Referer` or `User-Agent`, as yt-dlp names them).
    public var headers: [String: String]?

    /// Creates a description of resolved media.
    public init(location: Location, platform: String, title: String? = nil, description: String? = nil, creator: String? = nil,
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
    public static func title(fromCaption caption: String?) -> (title: String?, description: String?) {
        guard let caption = caption?.trimmingCharacters(in: .whitespacesAndNewlines), !caption.isEmpty,
              let line = caption.split(whereSeparator: \.isNewline).first.map(String.init) else { return (nil, nil) }
        let title = line.count > 120 ? String(line.prefix(119)) + "…" : line
        return (title, caption == title ? nil : caption)
    }
}
