import Foundation
import Model

/// The chain's last resolver: any http(s) URL is taken as a direct media URL, named after its
/// last path component; the download step checks that what arrives is media. The download uses
/// the URL as submitted (credentials included); the canonical form, shown to anyone, has none.
public struct DirectLinkResolver: LinkResolver {
    /// The file extensions of media: a link ending in one is direct media, and a folder import
    /// picks up the files that end in one.
    public static let mediaExtensions: Set<String> = [
        "mp4", "m4v", "mov", "mkv", "webm", "m4a", "mp3", "aac", "wav", "flac", "ogg", "oga", "opus", "aif", "aiff", "wma",
    ]

    public func claim(_ url: URLComponents) async throws -> ClaimedLink? {
        guard let text = url.string, let canonical = URLCanonicalizer.canonical(text) else { return nil }
        return ClaimedLink(canonical: canonical, source: text, platform: "http")
    }

    public func resolve(_ link: ClaimedLink) async throws -> SourceMedia {
        let name = URL(string: link.canonical)?.deletingPathExtension().lastPathComponent ?? link.canonical
        return SourceMedia(location: .url(link.source), platform: "http",
                           title: name.isEmpty || name == "/" ? link.canonical : name)
    }

    /// Whether a URL's path ends in a media file extension (such a link is direct media, not a page).
    static func looksLikeMedia(_ url: URLComponents) -> Bool {
        let ext = (url.path as NSString).pathExtension.lowercased()
        return !ext.isEmpty && Self.mediaExtensions.contains(ext)
    }
}
