import Foundation
import Model
import Net

/// A Graph API error answer (`{"error": {"message", "type", "code", "error_subcode", …}}`) as
/// our error, keyed off `error.code`, not the HTTP status:
/// - `190` → `instagram.token_expired` (not retried: a person has to set a new token),
/// - `4`, `17`, `32`, `613`, `80002` → `instagram.rate_limited` (retried, later than usual),
/// - `1`, `2`, `-1`, `-2`, `is_transient`, or a 5xx without a body → `instagram.unavailable` (retried),
/// - anything else → `instagram.refused` with the API's message (not retried).
struct GraphAPIError: Sendable {
    /// The error to record.
    let error: SampleTokError

    private struct Envelope: Decodable {
        struct Detail: Decodable {
            var message: String?
            var type: String?
            var code: Int?
            var errorSubcode: Int?
            var isTransient: Bool?
            enum CodingKeys: String, CodingKey {
                case message, type, code
                case errorSubcode = "error_subcode"
                case isTransient = "is_transient"
            }
        }
        var error: Detail
    }

    /// Graph API codes of rate limits.
    static let rateLimitCodes: Set<Int> = [4, 17, 32, 613, 80002]
    /// Graph API codes of passing trouble.
    static let transientCodes: Set<Int> = [1, 2, -1, -2]

    init(response: HTTPResponse) {
        guard let detail = (try? JSONDecoder().decode(Envelope.self, from: response.body))?.error, let code = detail.code else {
            error = response.status >= 500
                ? SampleTokError(.instagramUnavailable, "The Instagram Graph API answered HTTP \(response.status); it is tried again.")
                : SampleTokError(.instagramRefused, "The Instagram Graph API answered HTTP \(response.status) without an error body.")
            return
        }
        let said = detail.message.map { ": \($0)" } ?? ""
        let subcode = detail.errorSubcode.map { ", subcode \($0)" } ?? ""
        if code == 190 {
            error = SampleTokError(.instagramTokenExpired, "Instagram refused the access token (Graph API code 190\(subcode)\(said)). "
                                       + "Set a new long-lived INSTAGRAM_ACCESS_TOKEN on the server; later mentions use it.")
        } else if Self.rateLimitCodes.contains(code) {
            error = SampleTokError(.instagramRateLimited, "The Instagram Graph API rate limit was reached (code \(code)\(said)); the mention is tried again later.")
        } else if Self.transientCodes.contains(code) || detail.isTransient == true {
            error = SampleTokError(.instagramUnavailable, "The Instagram Graph API had a passing failure (code \(code)\(said)); it is tried again.")
        } else {
            error = SampleTokError(.instagramRefused, "The Instagram Graph API refused the call (code \(code)\(subcode)\(said)).")
        }
    }

    /// A 2xx answer that does not hold what the call needs.
    static func badResponse(_ what: String) -> SampleTokError {
        SampleTokError(.instagramBadResponse, "The Instagram Graph API's answer is not usable: \(what).")
    }
}
