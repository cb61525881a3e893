import Foundation

/// An Instagram post as the RapidAPI Instagram API gives it: Instagram's private-API media
/// object at the top level. Only the fields a sample uses.
struct InstagramMedia: Decodable, Sendable {
    var pk: String?
    var code: String?
    /// 1 photo, 2 video, 8 carousel.
    var mediaType: Int?
    var caption: String?
    var username: String?
    var fullName: String?
    var profilePicture: String?
    /// The first video's URL: the post's own, else the first video of a carousel.
    var videoURL: String?
    var imageURL: String?
    var duration: Double?
    var likes, comments, plays: Int?

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        pk = c.lenientString(AnyKey("pk"))
        code = c.lenientString(AnyKey("code"))
        mediaType = c.lenientInt(AnyKey("media_type"))
        caption = (try? c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("caption")))?.lenientString(AnyKey("text"))
        let user = try? c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("user"))
        username = user?.lenientString(AnyKey("username"))
        fullName = user?.lenientString(AnyKey("full_name"))
        profilePicture = user?.lenientString(AnyKey("profile_pic_url"))
        videoURL = c.lenient([URLCandidate].self, AnyKey("video_versions"))?.first?.url
            ?? c.lenient([CarouselItem].self, AnyKey("carousel_media"))?.lazy.compactMap { $0.videos?.first?.url }.first
        imageURL = (try? c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("image_versions2")))?
            .lenient([URLCandidate].self, AnyKey("candidates"))?.first?.url
        duration = c.lenientDouble(AnyKey("video_duration"))
        likes = c.lenientInt(AnyKey("like_count"))
        comments = c.lenientInt(AnyKey("comment_count"))
        plays = c.lenientInt(AnyKey("play_count")) ?? c.lenientInt(AnyKey("view_count"))
    }

    private struct URLCandidate: Decodable {
        var url: String?
    }

    private struct CarouselItem: Decodable {
        var videos: [URLCandidate]?
        enum CodingKeys: String, CodingKey { case videos = "video_versions" }
    }
}

/// An Instagram account as the API's `GET /profile?username=` gives it (private-API user object).
struct InstagramProfile: Decodable, Sendable {
    var username: String?
    var fullName: String?
    var followers: Int?
    var profilePicture: String?

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        username = c.lenientString(AnyKey("username"))
        fullName = c.lenientString(AnyKey("full_name"))
        followers = c.lenientInt(AnyKey("follower_count"))
        profilePicture = c.lenientString(AnyKey("profile_pic_url"))
    }
}
