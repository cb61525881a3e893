import Engine
import Foundation
import HTTPTypes
import Hummingbird
import Model
import NIOCore

/// `GET /api/v1/webhooks/instagram/health`.
struct InstagramWebhookHealth: Codable, Sendable {
    /// Whether every variable the feature needs is set.
    var configured: Bool
    /// The unset variables.
    var missing: [String]
    /// Why the feature is off, when it is.
    var message: String?
    /// The Graph API the jobs call.
    var graphAPIBaseURL: String
    /// Recorded mentions by status.
    var engagements: [String: Int]

    enum CodingKeys: String, CodingKey {
        case configured, missing, message, engagements
        case graphAPIBaseURL = "graph_api_base_url"
    }
}

/// The answer to a delivery.
struct InstagramWebhookReceipt: Codable, Sendable {
    /// Mentions in the delivery.
    var mentions: Int
    /// Of those, the ones not recorded before.
    var recorded: Int
}

extension APIServer {
    /// The Instagram webhook (Meta's webhook contract: a subscription check, then signed deliveries):
    /// - `GET webhooks/instagram?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`: the
    ///   subscription handshake; the challenge as `text/plain` when the token matches
    ///   `INSTAGRAM_WEBHOOK_VERIFY_TOKEN` (constant time), else 403.
    /// - `POST webhooks/instagram`: a delivery, its `X-Hub-Signature-256` checked on the raw body
    ///   before anything reads it (401 without it, 403 when wrong; nothing stored either way),
    ///   then one engagement and job per new mention.
    /// - `GET webhooks/instagram/health`: configured or not, what is missing, counts by status.
    /// With a variable unset, the first two answer 503 `instagram.unconfigured` naming it.
    func addInstagramWebhookRoutes(to api: RouterGroup<APIContext>) {
        let settings = library.configuration.instagram

        api.get("webhooks/instagram") { request, _ -> Response in
            guard let expected = settings.verifyToken else { throw Self.instagramDisabled(settings) }
            let query = request.uri.queryParameters
            guard query.get("hub.mode") == "subscribe",
                  let given = query.get("hub.verify_token"), AdminKey.constantTimeEqual(given, expected)
            else {
                throw APIError(.authVerifyTokenInvalid, "The subscription needs hub.mode=subscribe and the hub.verify_token set in INSTAGRAM_WEBHOOK_VERIFY_TOKEN.")
            }
            guard let challenge = query.get("hub.challenge"), InstagramMention.isObjectID(challenge) else {
                throw APIError.badRequest("hub.challenge must be 1 to 64 letters or digits.")
            }
            let body = ByteBuffer(string: challenge)
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .contentLength: String(body.readableBytes)],
                            body: .init(byteBuffer: body))
        }

        api.post("webhooks/instagram") { request, _ -> Response in
            guard settings.disabledReason == nil, let secret = settings.appSecret else { throw Self.instagramDisabled(settings) }
            let raw = try await body.raw(from: request)
            guard let signature = request.headers[HTTPField.Name(WebhookSignature.header)!], !signature.isEmpty else {
                throw APIError(.authSignatureMissing, "A delivery needs the X-Hub-Signature-256 header.")
            }
            guard WebhookSignature(secret: secret).isValid(signature, for: raw) else {
                throw APIError(.authSignatureInvalid, "X-Hub-Signature-256 does not match the body: is INSTAGRAM_APP_SECRET the app's secret?")
            }
            let mentions = try MentionDelivery.mentions(in: raw)
            let recorded = try await library.instagram.record(mentions)
            return try JSONResponse.make(InstagramWebhookReceipt(mentions: mentions.count, recorded: recorded))
        }

        api.get("webhooks/instagram/health") { _, _ -> Response in
            let counts = try await library.instagram.counts()
            let health = InstagramWebhookHealth(configured: settings.disabledReason == nil, missing: settings.missing,
                                                message: settings.disabledReason, graphAPIBaseURL: settings.graphBaseURL,
                                                engagements: Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }))
            return try JSONResponse.make(health)
        }
    }

    /// 503 naming the unset variables.
    static func instagramDisabled(_ settings: InstagramConfiguration) -> APIError {
        APIError(.instagramUnconfigured, settings.disabledReason ?? "Instagram mentions are disabled.")
    }
}
