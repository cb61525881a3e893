import Foundation
import Model
import Net

/// The RapidAPI Instagram API ("Instagram Best Experience"): a post by shortcode
/// and an account's profile, through ``RapidAPIGateway`` (its timeouts, tries and errors).
struct InstagramClient: Sendable {
    /// The host the API is sold under, sent as `X-RapidAPI-Host` whatever the base URL.
    static let host = "instagram-best-experience.p.rapidapi.com"
    /// The real service (`INSTAGRAM_API_BASE_URL` overrides it).
    static let defaultBaseURL = "https://\(host)"

    let gateway: RapidAPIGateway

    /// A client of the API at `baseURL` with `key` (`RAPIDAPI_KEY`).
    init(baseURL: String, key: String, http: HTTPClient, attempts: Int = 3, retryDelay: Double = 0.5) {
        gateway = RapidAPIGateway(name: "The Instagram API (RapidAPI \"Instagram Best Experience\")", baseURL: baseURL,
                                  host: Self.host, key: key, http: http, attempts: attempts, retryDelay: retryDelay)
    }

    /// The post `shortcode` (`GET /post?shortcode=`), with absolute media URLs.
    func post(_ shortcode: String) async throws -> InstagramMedia {
        let body = try await gateway.get("/post", query: [("shortcode", shortcode)])
        guard var media = try? JSONDecoder().decode(InstagramMedia.self, from: body), media.pk != nil || media.code != nil else {
            let said = RapidAPIGateway.message(in: body).map { " (the API said \"\($0)\")" } ?? ""
            throw SampleTokError(.linkNotFound, "Instagram has no post \(shortcode) the API could read\(said): it may be private or deleted.")
        }
        media.videoURL = gateway.absolute(media.videoURL)
        media.imageURL = gateway.absolute(media.imageURL)
        return media
    }

    /// The profile of `username` (`GET /profile?username=`).
    func profile(_ username: String) async throws -> InstagramProfile {
        let body = try await gateway.get("/profile", query: [("username", username)])
        guard let profile = try? JSONDecoder().decode(InstagramProfile.self, from: body), profile.username != nil else {
            throw SampleTokError(.linkNotFound, "The Instagram API knows no account \(username).")
        }
        return profile
    }
}
