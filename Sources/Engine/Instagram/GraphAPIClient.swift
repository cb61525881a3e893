import Foundation
import Model
import Net

/// The calls of the Instagram Graph API (its Facebook Login variant) that mentions
/// need: read the mentioned media, reply to the mention. One try per call, with timeouts; the
/// job runner retries what is worth retrying (``GraphAPIError``).
struct GraphAPIClient: Sendable {
    /// The mentioned media's fields we read.
    struct MentionedMedia: Decodable, Sendable {
        var id: String?
        var mediaType: String?
        var mediaURL: String?
        var permalink: String?
        var username: String?
        var caption: String?

        enum CodingKeys: String, CodingKey {
            case id, permalink, username, caption
            case mediaType = "media_type"
            case mediaURL = "media_url"
        }
    }

    private struct MentionedMediaEnvelope: Decodable {
        var mentionedMedia: MentionedMedia?
        enum CodingKeys: String, CodingKey { case mentionedMedia = "mentioned_media" }
    }

    private struct Created: Decodable {
        var id: String
    }

    /// The client of every Graph API call in this process (its base URL is configuration, so any address).
    static let http = HTTPClient(addressPolicy: .any)

    let baseURL: String
    let accessToken: String

    /// `GET /{account}?fields=mentioned_media.media_id({media}){…}`: the media a mention is on.
    func mentionedMedia(account: String, media: String) async throws -> MentionedMedia {
        let fields = "mentioned_media.media_id(\(media)){id,media_type,media_url,permalink,username,caption}"
        let url = "\(baseURL)/\(account)?fields=\(Self.encode(fields))&access_token=\(Self.encode(accessToken))"
        let response = try await send(HTTPRequest(url: url, timeout: .seconds(30)))
        guard let media = (try? JSONDecoder().decode(MentionedMediaEnvelope.self, from: response.body))?.mentionedMedia else {
            throw GraphAPIError.badResponse("the mentioned media's fields are missing from the answer")
        }
        return media
    }

    /// `POST /{account}/mentions` with `media_id`, `comment_id` (a comment mention) and `message`:
    /// our reply; answers the new comment's id.
    func reply(account: String, media: String, comment: String?, message: String) async throws -> String {
        var form = [("media_id", media)]
        if let comment { form.append(("comment_id", comment)) }
        form += [("message", message), ("access_token", accessToken)]
        let body = form.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
        let request = HTTPRequest(url: "\(baseURL)/\(account)/mentions", method: .post,
                                  headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                  body: Data(body.utf8), timeout: .seconds(30))
        let response = try await send(request)
        guard let created = try? JSONDecoder().decode(Created.self, from: response.body) else {
            throw GraphAPIError.badResponse("the reply's id is missing from the answer")
        }
        return created.id
    }

    /// Sends `request`: a 2xx answer, or the Graph API's error as a ``GraphAPIError``.
    private func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var request = request
        request.connectTimeout = .seconds(10)
        request.maxResponseBytes = 1 << 20
        let response: HTTPResponse
        do {
            response = try await Self.http.send(request)
        } catch let error as NetError {
            throw SampleTokError(.instagramUnavailable, "The Instagram Graph API at \(baseURL) could not be reached (\(error.message)); it is tried again.")
        }
        guard response.isSuccess else { throw GraphAPIError(response: response).error }
        return response
    }

    /// `text` percent-encoded for a query or form value.
    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
