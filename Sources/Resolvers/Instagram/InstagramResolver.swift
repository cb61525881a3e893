import Foundation
import Model

/// Claims Instagram post links (``InstagramLink``) and resolves them through the RapidAPI
/// Instagram API: the reel's (or a carousel's first) video, caption, likes, comments, plays and
/// the account.
struct InstagramResolver: LinkResolver {
    /// The API client; nil when `RAPIDAPI_KEY` is not set (Instagram links are then refused, naming it).
    let client: InstagramClient?

    func claim(_ url: URLComponents) async throws -> ClaimedLink? {
        guard let code = InstagramLink.shortcode(url) else { return nil }
        guard client != nil else { throw SampleTokError.missingKey("RAPIDAPI_KEY", for: "Instagram links") }
        return ClaimedLink(canonical: InstagramLink.canonical(code), source: InstagramLink.canonical(code), platform: "instagram")
    }

    func resolve(_ link: ClaimedLink) async throws -> SourceMedia {
        guard let client else { throw SampleTokError.missingKey("RAPIDAPI_KEY", for: "Instagram links") }
        guard let url = URLComponents(string: link.source), let code = InstagramLink.shortcode(url) else {
            throw SampleTokError(.linkInvalid, "'\(link.source)' is not an Instagram post link.")
        }
        let media = try await client.post(code)
        guard let video = media.videoURL else {
            throw SampleTokError(.linkNoMedia, "The Instagram post \(link.canonical) is a photo with no sound; only reels and videos become samples.")
        }
        let (title, description) = SourceMedia.title(fromCaption: media.caption)
        let creator = media.username.map {
            Creator(platform: "instagram", username: $0, displayName: media.fullName, avatarURL: media.profilePicture)
        }
        let stats = SampleStats(views: media.plays, likes: media.likes, comments: media.comments)
        return SourceMedia(location: .url(video), platform: "instagram", title: title ?? "Instagram \(code)",
                           description: description, creator: creator?.username,
                           stats: stats == SampleStats() ? nil : stats, videoID: media.pk ?? code,
                           coverURL: media.imageURL, creatorProfile: creator)
    }

    func profile(platform: String, username: String) async throws -> Creator? {
        guard platform == "instagram", let client else { return nil }
        let profile = try await client.profile(username)
        return Creator(platform: "instagram", username: profile.username ?? username, displayName: profile.fullName,
                       followers: profile.followers, avatarURL: profile.profilePicture)
    }
}
