import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Model
import Testing
import TestSupport

@Suite("Instagram webhook: handshake, signatures, payloads, health")
struct InstagramWebhookTests {
    @Test("the handshake echoes the challenge as text/plain for the right token; a wrong token or mode is 403")
    func handshake() async throws {
        let f = try await MentionFixture()
        try await f.server.test { client in
            let good = "/api/v1/webhooks/instagram?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=\(MentionFixture.verifyToken)"
            try await client.execute(uri: good, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text == "1158201444")
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            }
            for uri in ["/api/v1/webhooks/instagram?hub.mode=subscribe&hub.challenge=1&hub.verify_token=verify-mf",
                        "/api/v1/webhooks/instagram?hub.mode=subscribe&hub.challenge=1&hub.verify_token=",
                        "/api/v1/webhooks/instagram?hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=\(MentionFixture.verifyToken)",
                        "/api/v1/webhooks/instagram?hub.challenge=1"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .forbidden, "\(uri)")
                    #expect(response.errorCode == "auth.verify_token_invalid", "\(uri)")
                    #expect(!response.text.contains("1158201444"))
                }
            }
            let script = "/api/v1/webhooks/instagram?hub.mode=subscribe&hub.challenge=%3Cscript%3E&hub.verify_token=\(MentionFixture.verifyToken)"
            try await client.execute(uri: script, method: .get) { response in
                #expect(response.status == .badRequest, "a challenge that is not a plain token is not echoed")
            }
        }
    }

    @Test("signatures: the right one is taken, a wrong or malformed one is 403, none is 401; nothing is stored unless signed")
    func signatures() async throws {
        let f = try await MentionFixture()
        let body = MentionFixture.delivery([("17918195224117851", "17894227972186120")])
        let wrongSecret = WebhookSignature(secret: "another-secret").sign(body)
        let otherBody = WebhookSignature(secret: MentionFixture.secret).sign(Data(body.dropLast()))
        try await f.server.test { client in
            for signature in [wrongSecret, otherBody, "sha256=", "sha256=zz", "sha1=" + String(wrongSecret.dropFirst(7)), "garbage"] {
                try await MentionFixture.post(client, body, signature: signature) { response in
                    #expect(response.status == .forbidden, "\(signature)")
                    #expect(response.errorCode == "auth.signature_invalid")
                }
            }
            try await MentionFixture.post(client, body, signature: .some(nil)) { response in
                #expect(response.status == .unauthorized)
                #expect(response.errorCode == "auth.signature_missing")
            }
            #expect(try await f.library.instagram.engagements().isEmpty, "nothing stored for unsigned or badly signed deliveries")
            #expect(try await f.library.jobs.hasPending() == false)
            // Uppercase hex is the same signature.
            try await MentionFixture.post(client, body, signature: WebhookSignature(secret: MentionFixture.secret).sign(body).uppercased()
                .replacingOccurrences(of: "SHA256=", with: "sha256=")) { response in
                #expect(response.status == .ok)
                #expect(response.json["recorded"] as? Int == 1)
            }
            // The same delivery again (Meta retries) records nothing new.
            try await MentionFixture.post(client, body) { response in
                #expect(response.status == .ok)
                #expect(response.json["mentions"] as? Int == 1)
                #expect(response.json["recorded"] as? Int == 0)
            }
        }
        let engagements = try await f.library.instagram.engagements()
        #expect(engagements.count == 1)
        #expect(engagements.first?.status == .pending)
        #expect(engagements.first?.mention == InstagramMention(accountID: "17841405726653026", mediaID: "17918195224117851",
                                                              commentID: "17894227972186120"))
    }

    @Test("known vectors: RFC 4231 case 2, and openssl's HMAC of a delivery")
    func knownVectors() throws {
        let rfc = WebhookSignature(secret: "Jefe").sign(Data("what do ya want for nothing?".utf8))
        #expect(rfc == "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")

        let scratch = Scratch("hmac")
        let body = MentionFixture.delivery([("17918195224117851", nil)])
        try body.write(to: URL(fileURLWithPath: scratch.path("body.json")))
        let openssl = try Command.run("/usr/bin/env", ["openssl", "dgst", "-sha256", "-hmac", MentionFixture.secret, scratch.path("body.json")])
        let hex = try #require(openssl.stdout.split(separator: " ").last).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(hex.count == 64)
        let signature = WebhookSignature(secret: MentionFixture.secret)
        #expect(signature.sign(body) == "sha256=\(hex)")
        #expect(signature.isValid("sha256=\(hex)", for: body))
        #expect(!signature.isValid("sha256=\(hex)", for: body + Data(" ".utf8)))
    }

    @Test("malformed deliveries: not JSON 400, another shape 422, unsafe ids 422; other fields are ignored; nothing stored")
    func malformedPayloads() async throws {
        let f = try await MentionFixture()
        let refused: [(String, HTTPResponse.Status)] = [
            ("not json at all", .badRequest),
            ("", .badRequest),
            (#"{"object": "instagram"}"#, .unprocessableContent),
            (#"{"object": "page", "entry": []}"#, .unprocessableContent),
            (#"{"object": "instagram", "entry": [{"changes": []}]}"#, .unprocessableContent),
            (#"{"object": "instagram", "entry": [{"id": "1", "changes": [{"field": "mentions", "value": {}}]}]}"#, .unprocessableContent),
            (#"{"object": "instagram", "entry": [{"id": "1", "changes": [{"field": "mentions", "value": {"media_id": "../../me"}}]}]}"#, .unprocessableContent),
            (#"{"object": "instagram", "entry": [{"id": "1/x?y", "changes": []}]}"#, .unprocessableContent),
            (#"{"object": "instagram", "entry": [{"id": "1", "changes": [{"field": "mentions", "value": {"media_id": "2", "comment_id": {}}}]}]}"#, .unprocessableContent),
            (#"[1, 2]"#, .unprocessableContent),
        ]
        try await f.server.test { client in
            for (text, status) in refused {
                try await MentionFixture.post(client, Data(text.utf8)) { response in
                    #expect(response.status == status, "\(text)")
                }
            }
            let other = #"{"object": "instagram", "entry": [{"id": "1", "changes": [{"field": "comments", "value": {"id": "9", "text": "hi"}}]}]}"#
            try await MentionFixture.post(client, Data(other.utf8)) { response in
                #expect(response.status == .ok)
                #expect(response.json["mentions"] as? Int == 0)
            }
            // Meta's documented sample wraps the delivery in an array; numbers are taken as ids.
            let array = #"[{"object": "instagram", "entry": [{"id": 17841405726653026, "changes": [{"field": "mentions", "value": {"media_id": 17918195224117851}}]}]}]"#
            try await MentionFixture.post(client, Data(array.utf8)) { response in
                #expect(response.status == .ok)
                #expect(response.json["recorded"] as? Int == 1)
            }
        }
        let engagements = try await f.library.instagram.engagements()
        #expect(engagements.map(\.mention) == [InstagramMention(accountID: "17841405726653026", mediaID: "17918195224117851")])
    }

    @Test("a missing variable disables only the webhook, with 503 naming it; health says which and counts by status")
    func unconfiguredAndHealth() async throws {
        let f = try await MentionFixture(unset: ["INSTAGRAM_APP_SECRET", "INSTAGRAM_ACCESS_TOKEN"])
        try await f.server.test { client in
            try await MentionFixture.post(client, MentionFixture.delivery([("1", nil)])) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.errorCode == "instagram.unconfigured")
                let message = (response.json["error"] as? [String: Any])?["message"] as? String ?? ""
                #expect(message.contains("INSTAGRAM_APP_SECRET") && message.contains("INSTAGRAM_ACCESS_TOKEN"))
            }
            try await client.execute(uri: "/api/v1/webhooks/instagram/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.json["configured"] as? Bool == false)
                #expect(response.json["missing"] as? [String] == ["INSTAGRAM_APP_SECRET", "INSTAGRAM_ACCESS_TOKEN"])
            }
            // The rest of the API is unaffected.
            try await client.execute(uri: "/health", method: .get) { response in #expect(response.status == .ok) }
        }
        let none = try await MentionFixture(unset: ["INSTAGRAM_WEBHOOK_VERIFY_TOKEN"])
        try await none.server.test { client in
            try await client.execute(uri: "/api/v1/webhooks/instagram?hub.mode=subscribe&hub.challenge=1&hub.verify_token=x", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.errorCode == "instagram.unconfigured")
            }
        }

        let configured = try await MentionFixture()
        try await configured.server.test { client in
            try await MentionFixture.post(client, MentionFixture.delivery([("11", "21"), ("12", "22")])) { _ in }
            try await client.execute(uri: "/api/v1/webhooks/instagram/health", method: .get) { response in
                #expect(response.json["configured"] as? Bool == true)
                #expect(response.json["missing"] as? [String] == [])
                #expect(response.json["engagements"] as? [String: Int] == ["pending": 2, "processing": 0, "completed": 0, "failed": 0])
            }
        }
    }
}
