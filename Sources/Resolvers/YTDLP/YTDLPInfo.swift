import Foundation

/// The fields of yt-dlp's `--dump-json` object that a sample uses; the rest is ignored and
/// every field may be missing.
struct YTDLPInfo: Decodable, Sendable {
    var id: String?
    var title: String?
    var description: String?
    /// The account's handle (`uploader_id`, else `channel_id`).
    var uploaderID: String?
    /// The account's display name (`uploader`, else `channel`).
    var uploader: String?
    var followers: Int?
    var views, likes, comments, reposts: Int?
    var thumbnail: String?
    /// The site's name as yt-dlp calls it (`extractor_key`, e.g. `Youtube`, `SoundCloud`).
    var extractor: String?
    /// The page's own URL (`webpage_url`).
    var webpageURL: String?
    /// The chosen format's own URL (`url`), when yt-dlp chose one file.
    var mediaURL: String?
    /// How that format is fetched (`protocol`: `https`, `http`, `m3u8_native`, `http_dash_segments`, …).
    var mediaProtocol: String?
    /// The headers the site wants with that URL (`http_headers`).
    var httpHeaders: [String: String]

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = c.lenientString(AnyKey("id"))
        title = c.lenientString(AnyKey("title"))
        description = c.lenientString(AnyKey("description"))
        uploaderID = c.lenientString(AnyKey("uploader_id")) ?? c.lenientString(AnyKey("channel_id"))
        uploader = c.lenientString(AnyKey("uploader")) ?? c.lenientString(AnyKey("channel"))
        followers = c.lenientInt(AnyKey("channel_follower_count"))
        views = c.lenientInt(AnyKey("view_count"))
        likes = c.lenientInt(AnyKey("like_count"))
        comments = c.lenientInt(AnyKey("comment_count"))
        reposts = c.lenientInt(AnyKey("repost_count"))
        thumbnail = c.lenientString(AnyKey("thumbnail"))
        extractor = c.lenientString(AnyKey("extractor_key")) ?? c.lenientString(AnyKey("extractor"))
        webpageURL = c.lenientString(AnyKey("webpage_url"))
        mediaURL = c.lenientString(AnyKey("url"))
        mediaProtocol = c.lenientString(AnyKey("protocol"))
        httpHeaders = (try? c.decodeIfPresent([String: String].self, forKey: AnyKey("http_headers"))) ?? [:]
    }
}
