import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Model
import Testing
import TestSupport

@Suite("HTTP API: health, submit, samples, account, admin")
struct APIRouteTests {
    @Test("GET /health answers ok; an unknown route is a JSON 404")
    func healthAndUnknownRoute() async throws {
        let f = try await ServerFixture()
        try await f.test { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.json["status"] as? String == "ok")
                #expect(response.json["database"] as? String == "ok")
            }
            try await client.execute(uri: "/api/v1/nothing-here", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.errorCode == "route.not_found")
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                #expect(response.headers[HTTPField.Name("X-Request-Id")!]?.isEmpty == false)
            }
        }
    }

    @Test("submit needs a valid bearer token")
    func submitAuth() async throws {
        let f = try await ServerFixture()
        try await f.test { client in
            let body = jsonBody(#"{"url": "http://example.com/a.wav"}"#)
            try await client.execute(uri: "/api/v1/process/submit", method: .post, headers: HTTPFields().json, body: body) { response in
                #expect(response.status == .unauthorized)
                #expect(response.errorCode == "auth.missing_token")
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
            }
            for header in ["Bearer nope", "Basic abc", "Bearer", "\(f.token)"] {
                try await client.execute(uri: "/api/v1/process/submit", method: .post,
                                         headers: [.authorization: header, .contentType: "application/json"], body: body) { response in
                    #expect(response.status == .unauthorized, "\(header)")
                    #expect(response.errorCode == "auth.invalid_token", "\(header)")
                }
            }
        }
    }

    @Test("submit: malformed JSON 400, wrong types and missing fields 422, paths and file: URLs 422, too large 413")
    func submitBadInput() async throws {
        let f = try await ServerFixture(maxBodyBytes: 1024)
        try await f.test { client in
            let cases: [(String, HTTPResponse.Status, String)] = [
                (#"{"url": "#, .badRequest, "request.malformed_json"),
                ("", .badRequest, "request.malformed_json"),
                (#"{"url": 5}"#, .unprocessableContent, "request.unprocessable"),
                (#"{"link": "http://example.com/a.wav"}"#, .unprocessableContent, "request.unprocessable"),
                (#"{"url": null}"#, .unprocessableContent, "request.unprocessable"),
                (#"["http://example.com/a.wav"]"#, .unprocessableContent, "request.unprocessable"),
                (#"{"url": "/etc/passwd"}"#, .unprocessableContent, "link.unsupported"),
                (#"{"url": "file:///etc/passwd"}"#, .unprocessableContent, "link.unsupported"),
                (#"{"url": "ftp://example.com/a.wav"}"#, .unprocessableContent, "link.unsupported"),
                (#"{"url": "http://"}"#, .unprocessableContent, "link.invalid"),
                ("{\"url\": \"http://example.com/\(String(repeating: "a", count: 2000))\"}", .contentTooLarge, "request.too_large"),
            ]
            for (text, status, code) in cases {
                try await client.execute(uri: "/api/v1/process/submit", method: .post, headers: f.bearer.json, body: jsonBody(text)) { response in
                    #expect(response.status == status, "\(text.prefix(60)): \(response.text)")
                    #expect(response.errorCode == code, "\(text.prefix(60))")
                }
            }
            // The server goes on serving.
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test("submit: 202 with the new sample's id, then 200 with the same sample for the same URL")
    func submitNewAndKnown() async throws {
        let f = try await ServerFixture()
        try await f.test { client in
            let body = jsonBody(#"{"url": "http://example.com/loops/a.wav?utm_source=x"}"#)
            let id = try await client.execute(uri: "/api/v1/process/submit", method: .post, headers: f.bearer.json, body: body) { response in
                #expect(response.status == .accepted)
                #expect(response.json["status"] as? String == "pending")
                return response.json["sample_id"] as? String
            }
            #expect(id != nil)
            let again = jsonBody(#"{"url": "HTTP://EXAMPLE.com/loops/a.wav"}"#)
            try await client.execute(uri: "/api/v1/process/submit", method: .post, headers: f.bearer.json, body: again) { response in
                #expect(response.status == .ok)
                #expect((response.json["id"] as? String)?.lowercased() == id?.lowercased())
                #expect(response.json["source_url"] as? String == "http://example.com/loops/a.wav?utm_source=x")
            }
        }
    }

    @Test("GET /api/v1/samples pages and filters; bad parameters are 400 with a message")
    func listSamples() async throws {
        let f = try await ServerFixture(publicBaseURL: "https://cdn.example.com")
        let sample = try await f.completedSample("kick loop")
        try await f.test { client in
            try await client.execute(uri: "/api/v1/samples?q=kic&limit=10", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.json["total"] as? Int == 1)
                #expect(response.json["limit"] as? Int == 10)
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect((items.first?["id"] as? String)?.lowercased() == sample.id.uuidString.lowercased())
                let wav = (items.first?["files"] as? [String: Any])?["wav"] as? [String: Any]
                #expect(wav?["url"] as? String == "https://cdn.example.com/files/\(sample.files?.wav?.key ?? "")")
            }
            try await client.execute(uri: "/api/v1/samples?status=failed&sort=newest&page=1", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.json["total"] as? Int == 0)
            }
            try await client.execute(uri: "/api/v1/samples?key=A&scale=minor&bpm_min=20&bpm_max=400&compatible_with=8A&sort=relevance", method: .get) {
                #expect($0.status == .ok, "\($0.text)")
            }
            // Well-formed though they match nothing or name the mode twice: answered, not refused.
            for query in ["bpm_min=120&bpm_max=100", "scale=minor", "key=Am&scale=major", "key=8A&scale=minor"] {
                try await client.execute(uri: "/api/v1/samples?\(query)", method: .get) { response in
                    #expect(response.status == .ok, "\(query): \(response.text)")
                }
            }
            // Any JSON number, as the document's `type: number` promises (a client may write 1.2e2).
            for query in ["bpm_min=92.5&bpm_max=140", "bpm_max=1e2", "bpm_max=2.154480433264499e-43", "bpm_min=.5"] {
                try await client.execute(uri: "/api/v1/samples?\(query)", method: .get) {
                    #expect($0.status == .ok, "\(query): \($0.text)")
                }
            }
            let bad = ["bpm_min=abc", "bpm_max=-3", "bpm_min=0x10", "bpm_max=1e9", "bpm_min=1e", "bpm_min=%2B5", "bpm_min=0x1p4", "bpm_min=nan", "bpm_max=1.2.3",
                       "bpm_min=.", "limit=0", "limit=500", "page=0", "page=x",
                       "key=H", "key=A&scale=dorian", "compatible_with=zz", "status=done", "sort=random", "count=maybe",
                       "q=" + String(repeating: "a", count: 300)]
            for query in bad {
                try await client.execute(uri: "/api/v1/samples?\(query)", method: .get) { response in
                    #expect(response.status == .badRequest, "\(query)")
                    #expect(response.errorCode == "request.invalid", "\(query)")
                    #expect(((response.json["error"] as? [String: Any])?["message"] as? String)?.isEmpty == false)
                }
            }
        }
    }

    @Test("GET /api/v1/samples: q finds a part of a word and a typo, and takes field filters; bpm_half_double")
    func listSearchSyntax() async throws {
        let f = try await ServerFixture()
        _ = try await f.completedSample("kick loop")
        try await f.test { client in
            let totals = ["q=ick": 1, "q=kcik": 1, "q=kick%20status:ready": 1, "q=kick%20status:failed": 0,
                          "q=kick%20feat:x": 0, "q=kick%20bpm:": 1, "q=kick&bpm_min=1&bpm_max=2&bpm_half_double=true": 0]
            for (query, total) in totals {
                try await client.execute(uri: "/api/v1/samples?\(query)", method: .get) { response in
                    #expect(response.status == .ok, "\(query): \(response.text)")
                    #expect(response.json["total"] as? Int == total, "\(query)")
                }
            }
            try await client.execute(uri: "/api/v1/samples?bpm_half_double=maybe", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.errorCode == "request.invalid")
            }
        }
    }

    @Test("GET a sample by id or prefix, with file URLs on the request's host; unknown 404, malformed 400; peaks")
    func oneSampleAndPeaks() async throws {
        let f = try await ServerFixture()
        let sample = try await f.completedSample()
        let pending = try await f.library.library.samples.submit("http://example.com/pending.wav").sample
        try await f.test { client in
            let id = sample.id.uuidString.lowercased()
            for uri in ["/api/v1/samples/\(id)", "/api/v1/samples/\(id.prefix(8))"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.json["status"] as? String == "completed")
                    let files = response.json["files"] as? [String: Any]
                    let hls = files?["hls"] as? [String: Any]
                    #expect(hls?["url"] as? String == "http://localhost/files/\(sample.files?.hls?.key ?? "")")
                    #expect((files?["hls_first_segment"] as? [String: Any])?["url"] as? String != nil)
                }
            }
            try await client.execute(uri: "/api/v1/samples/\(UUID().uuidString)", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.errorCode == "sample.not_found")
            }
            try await client.execute(uri: "/api/v1/samples/zz", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.errorCode == "request.invalid")
            }
            try await client.execute(uri: "/api/v1/samples/\(id)/peaks", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                #expect((try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) != nil)
            }
            try await client.execute(uri: "/api/v1/samples/\(pending.id.uuidString)/peaks", method: .get) { response in
                #expect(response.status == .conflict)
                #expect(response.errorCode == "sample.not_ready")
            }
        }
    }

    @Test("POST download: counts and answers the URL; needs a token, a known format and a completed sample")
    func download() async throws {
        let f = try await ServerFixture()
        let sample = try await f.completedSample()
        let pending = try await f.library.library.samples.submit("http://example.com/pending.wav").sample
        try await f.test { client in
            let uri = "/api/v1/samples/\(sample.id.uuidString)/download"
            try await client.execute(uri: uri, method: .post, headers: HTTPFields().json, body: jsonBody(#"{"format":"wav"}"#)) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: uri, method: .post, headers: f.bearer.json, body: jsonBody(#"{"format":"flac"}"#)) {
                #expect($0.status == .unprocessableContent)
                #expect($0.errorCode == "request.unprocessable")
            }
            try await client.execute(uri: uri, method: .post, headers: f.bearer.json, body: jsonBody(#"{"format":"mp3"}"#)) { response in
                #expect(response.status == .ok)
                #expect(response.json["url"] as? String == "http://localhost/files/\(sample.files?.mp3?.key ?? "")")
                #expect(response.json["format"] as? String == "mp3")
            }
            try await client.execute(uri: "/api/v1/samples/\(pending.id.uuidString)/download", method: .post, headers: f.bearer.json,
                                     body: jsonBody(#"{"format":"wav"}"#)) {
                #expect($0.status == .conflict)
                #expect($0.errorCode == "sample.not_ready")
            }
        }
        #expect(try await f.library.library.samples.sample(sample.id).downloadCount == 1)
    }

    @Test("GET /api/v1/me: the user, the balance and the ledger, with a token only")
    func me() async throws {
        let f = try await ServerFixture()
        try await f.test { client in
            try await client.execute(uri: "/api/v1/me", method: .get, headers: f.bearer) { response in
                #expect(response.status == .ok)
                let user = response.json["user"] as? [String: Any] ?? [:]
                #expect(user["name"] as? String == "ada")
                #expect(user["credits"] as? Int == 5)
                #expect(user["is_admin"] as? Bool == false)
                #expect(user["token_hash"] == nil)
                #expect(response.json["balance"] as? Int == 5)
                let ledger = response.json["ledger"] as? [[String: Any]] ?? []
                #expect(ledger.count == 1)
                #expect(ledger.first?["reason"] as? String == "account.open")
                #expect(ledger.first?["delta"] as? Int == 5)
            }
            try await client.execute(uri: "/api/v1/me", method: .get) { #expect($0.status == .unauthorized) }
        }
    }

    @Test("admin routes: key missing 401, wrong 403; create a user, use the token, add credits; duplicates 409")
    func adminRoutes() async throws {
        let f = try await ServerFixture()
        try await f.test { client in
            let body = jsonBody(#"{"name": "bob", "credits": 2}"#)
            try await client.execute(uri: "/api/v1/admin/users", method: .post, headers: HTTPFields().json, body: body) {
                #expect($0.status == .unauthorized)
                #expect($0.errorCode == "auth.admin_key_missing")
            }
            try await client.execute(uri: "/api/v1/admin/users", method: .post,
                                     headers: [HTTPField.Name("X-Admin-Key")!: "wrong", .contentType: "application/json"], body: body) {
                #expect($0.status == .forbidden)
                #expect($0.errorCode == "auth.admin_key_invalid")
            }
            let token = try await client.execute(uri: "/api/v1/admin/users", method: .post, headers: f.admin.json, body: body) { response in
                #expect(response.status == .created)
                #expect((response.json["user"] as? [String: Any])?["credits"] as? Int == 2)
                return response.json["token"] as? String ?? ""
            }
            #expect(token.count == 64)
            try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                #expect(($0.json["user"] as? [String: Any])?["name"] as? String == "bob")
            }
            try await client.execute(uri: "/api/v1/admin/users", method: .post, headers: f.admin.json, body: body) {
                #expect($0.status == .conflict)
                #expect($0.errorCode == "user.exists")
            }
            try await client.execute(uri: "/api/v1/admin/users", method: .post, headers: f.admin.json, body: jsonBody(#"{"name": "no spaces"}"#)) {
                #expect($0.status == .badRequest)
            }
            try await client.execute(uri: "/api/v1/admin/add-credits", method: .post, headers: f.admin.json,
                                     body: jsonBody(#"{"name": "bob", "credits": 10}"#)) {
                #expect($0.status == .ok)
                #expect($0.json["credits"] as? Int == 12)
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                let ledger = $0.json["ledger"] as? [[String: Any]] ?? []
                #expect(ledger.compactMap { $0["reason"] as? String } == ["admin.grant", "account.open"])
                #expect(ledger.compactMap { $0["balance_after"] as? Int } == [12, 2])
            }
            try await client.execute(uri: "/api/v1/admin/add-credits", method: .post, headers: f.admin.json,
                                     body: jsonBody(#"{"name": "bob", "credits": "10"}"#)) {
                #expect($0.status == .unprocessableContent)
            }
            try await client.execute(uri: "/api/v1/admin/add-credits", method: .post, headers: f.admin.json,
                                     body: jsonBody(#"{"name": "carol", "credits": 1}"#)) {
                #expect($0.status == .notFound)
                #expect($0.errorCode == "user.not_found")
            }
        }
    }

    @Test("admin routes answer 503 with a message while SECRET_KEY is unset")
    func adminDisabled() async throws {
        let f = try await ServerFixture(adminKey: nil)
        try await f.test { client in
            try await client.execute(uri: "/api/v1/admin/add-credits", method: .post, headers: f.admin.json,
                                     body: jsonBody(#"{"name": "ada", "credits": 1}"#)) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.errorCode == "server.admin_disabled")
                #expect(response.text.contains("SECRET_KEY"))
            }
        }
    }
}
