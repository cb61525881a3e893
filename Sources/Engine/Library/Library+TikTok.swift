import Foundation
import Model

extension Library {
    /// The canonical URLs of the newest `limit` posts of the TikTok account `username` (with or
    /// without `@`), through the TikTok API's `GET /user/posts`: what a collection of "a
    /// creator's posts" submits, one sample each. Throws `link.unsupported` naming `RAPIDAPI_KEY`
    /// when the key is not set, `link.not_found` for an unknown account, and the API's errors.
    public func tiktokPostURLs(of username: String, limit: Int = 30) async throws -> [String] {
        try await tiktok.required().postURLs(of: username, limit: max(1, min(limit, 1000)))
    }
}
