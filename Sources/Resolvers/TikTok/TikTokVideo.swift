import Foundation

/// A TikTok post as the RapidAPI "TikTok Video No Watermark" API (tikwm) describes it: the
/// `data` of `GET /?url=` and each item of `GET /user/posts`.
struct TikTokVideo: Decodable, Sendable, Equatable {
    /// The numeric post id (`id`, `video_id` in user posts, or `aweme_id`).
    var id: String?
    /// The caption.
    var title: String?
    /// The cover image URL (`cover`, else `origin_cover`).
    var cover: String?
    /// Seconds (0 or missing for photo posts).
    var duration: Double?
    /// The no-watermark video URL (`hdplay` when asked for HD, else `play`).
    var play: String?
    /// The HD no-watermark video URL.
    var hdplay: String?
    /// The sound's MP3 URL (`music`, else `music_info.play`).
    var music: String?
    /// The sound's title.
    var musicTitle: String?
    /// The sound's author.
    var musicAuthor: String?
    /// Views, likes, comments, shares.
    var playCount, diggCount, commentCount, shareCount: Int?
    /// Unix seconds.
    var createTime: Int?
    /// Who posted it.
    var author: Author?
    /// The images of a photo (slideshow) post; nil for videos.
    var images: [String]?

    /// The account that posted a video, as the post describes it.
    struct Author: Decodable, Sendable, Equatable {
        var id: String?
        var uniqueID: String?
        var nickname: String?
        var avatar: String?

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            id = c.lenientString(AnyKey("id"))
            uniqueID = c.lenientString(AnyKey("unique_id"))
            nickname = c.lenientString(AnyKey("nickname"))
            avatar = c.lenientString(AnyKey("avatar"))
        }
    }

    /// Whether this is a photo (slideshow) post, whose sample is its sound.
    var isPhotoPost: Bool { !(images ?? []).isEmpty }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = c.lenientString(AnyKey("id")) ?? c.lenientString(AnyKey("video_id")) ?? c.lenientString(AnyKey("aweme_id"))
        title = c.lenientString(AnyKey("title"))
        cover = c.lenientString(AnyKey("cover")) ?? c.lenientString(AnyKey("origin_cover"))
        duration = c.lenientDouble(AnyKey("duration"))
        play = c.lenientString(AnyKey("play"))
        hdplay = c.lenientString(AnyKey("hdplay"))
        let musicInfo = try? c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("music_info"))
        music = c.lenientString(AnyKey("music")) ?? musicInfo?.lenientString(AnyKey("play"))
        musicTitle = musicInfo?.lenientString(AnyKey("title"))
        musicAuthor = musicInfo?.lenientString(AnyKey("author"))
        playCount = c.lenientInt(AnyKey("play_count"))
        diggCount = c.lenientInt(AnyKey("digg_count"))
        commentCount = c.lenientInt(AnyKey("comment_count"))
        shareCount = c.lenientInt(AnyKey("share_count"))
        createTime = c.lenientInt(AnyKey("create_time"))
        author = c.lenient(Author.self, AnyKey("author"))
        images = c.lenient([String].self, AnyKey("images"))
    }
}
