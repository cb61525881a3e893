import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Model
import Net
import Testing
import TestSupport

/// A server whose Instagram mentions are configured against a local fake Graph API
/// (`Tests/Fixtures/graph_api.py`, which serves `tone.wav` as the mentioned media).
final class MentionFixture: @unchecked Sendable {
    static let secret = "app-secret-for-tests"
    static let verifyToken = "verify-me"
    static let publicBaseURL = "https://samples.example.com"

    let scratch = Scratch("graph")
    let graph: FixtureServer
    let server: ServerFixture
    var library: Library { server.library.library }

    /// `accessToken` picks the fake's behaviour (`good-token`, `expired-token`, `limited-token`);
    /// `unset` names variables to leave out.
    init(accessToken: String = "good-token", unset: Set<String> = [], retryBaseDelay: Double = 0.05) async throws {
        let served = scratch.path("served")
        try FileManager.default.createDirectory(atPath: served, withIntermediateDirectories: true)
        try Fixtures.audio("\(served)/tone.wav", expression: "0.3*sin(2*PI*440*t)", rate: 44100, seconds: 1,
                           codecArguments: ["-c:a", "pcm_s16le"])
        let script = FixtureServer.script(named: "graph_api.py")
        graph = try FixtureServer(script: script, arguments: [served])
        var environment = [
            "INSTAGRAM_WEBHOOK_VERIFY_TOKEN": Self.verifyToken, "INSTAGRAM_APP_SECRET": Self.secret,
            "INSTAGRAM_ACCESS_TOKEN": accessToken, "PUBLIC_BASE_URL": Self.publicBaseURL + "/",
            "GRAPH_API_BASE_URL": graph.url("/v25.0"),
        ]
        for name in unset { environment[name] = nil }
        let settings = InstagramConfiguration(environment: environment)
        // Fetched as a server fetches: public addresses only, and the fake's own port.
        let allowed = ["127.0.0.1:\(graph.port)"].compactMap(AllowedEndpoint.init)
        let library = try await TestLibrary { configuration in
            configuration.allowLocalFiles = false
            configuration.allowedPrivateAddresses = allowed
            configuration.instagram = settings
            configuration.instagram.sampleWaitSeconds = 0.05
            configuration.retryBaseDelay = retryBaseDelay
        }
        server = try await ServerFixture(library: library)
    }

    /// A delivery of mentions, as Meta sends it: `(media, comment)` pairs on account 17841405726653026.
    static func delivery(_ mentions: [(media: String, comment: String?)]) -> Data {
        let changes = mentions.map { mention -> String in
            let comment = mention.comment.map { #", "comment_id": "\#($0)""# } ?? ""
            return #"{"field": "mentions", "value": {"media_id": "\#(mention.media)"\#(comment)}}"#
        }
        return Data(#"{"object": "instagram", "entry": [{"id": "17841405726653026", "time": 1520622968, "changes": [\#(changes.joined(separator: ", "))]}]}"#.utf8)
    }

    /// POSTs `body` to the webhook with `signature` (nil: no header; default: the right one).
    static func post(_ client: any TestClientProtocol, _ body: Data, signature: String?? = .none,
                     check: @escaping @Sendable (TestResponse) throws -> Void) async throws {
        var headers: HTTPFields = [.contentType: "application/json"]
        switch signature {
        case .none: headers[HTTPField.Name("X-Hub-Signature-256")!] = WebhookSignature(secret: secret).sign(body)
        case .some(.some(let value)): headers[HTTPField.Name("X-Hub-Signature-256")!] = value
        case .some(.none): break
        }
        try await client.execute(uri: "/api/v1/webhooks/instagram", method: .post, headers: headers,
                                 body: ByteBuffer(bytes: body)) { response in try check(response) }
    }

    /// Every call the fake Graph API received.
    func calls() async throws -> [[String: Any]] {
        let response = try await HTTPClient().send(.get(graph.url("/_calls")))
        return (try JSONSerialization.jsonObject(with: response.body) as? [[String: Any]]) ?? []
    }

    /// The reply calls (POST …/mentions) the fake received.
    func replies() async throws -> [[String: String]] {
        try await calls().filter { $0["method"] as? String == "POST" }.compactMap { $0["form"] as? [String: String] }
    }

    /// Runs the workers until no job waits.
    func drain() async throws { try await server.library.drain() }
}
