import Foundation
import Net
import Testing
import TestSupport

/// Who may do what on `sampletok --serve`, over real HTTP with two users: retries, secrets in
/// submitted URLs, ranges of stored files, and the Host header warning.
@Suite("sampletok --serve: ownership, secrets in URLs, ranges", .timeLimit(.minutes(5)))
struct ServeOwnershipTests {
    static func post(_ path: String, token: String, body: String = "{}", on server: ServeProcess) async throws -> HTTPResponse {
        try await HTTPClient().send(.postJSON(server.url(path), Data(body.utf8), headers: ["Authorization": "Bearer \(token)"]))
    }

    static func code(_ response: HTTPResponse) -> String? {
        ((try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]).flatMap { $0["error"] as? [String: Any] }?["code"] as? String
    }

    @Test("retry is for the submitter of a failed sample: another user gets 403, a completed sample 409 and keeps serving")
    func retryOwnership() async throws {
        let f = try ServeFixture()
        let bob = try ServeLimitsTests.user("bob", credits: 0, f)
        let server = try ServeProcess(environment: f.environment)

        let failed = try await f.submit(f.media.url("/missing"), to: server)
        #expect(try await f.events(failed, from: server).last?["status"] as? String == "failed")
        let other = try await Self.post("/api/v1/samples/\(failed)/retry", token: bob, on: server)
        #expect(other.status == 403)
        #expect(Self.code(other) == "sample.forbidden")
        #expect(try await f.sample(failed, from: server)["status"] as? String == "failed")
        let own = try await Self.post("/api/v1/samples/\(failed)/retry", token: f.token, on: server)
        #expect(own.status == 200, "\(own.text)")
        #expect(own.text.contains(#""status":"pending""#))

        let done = try await f.submit(f.media.url("/files/tone.wav"), to: server)
        #expect(try await f.events(done, from: server).last?["status"] as? String == "completed")
        for token in [bob, f.token] {
            let refused = try await Self.post("/api/v1/samples/\(done)/retry", token: token, on: server)
            #expect(refused.status == (token == bob ? 403 : 409))
            #expect(Self.code(refused) == (token == bob ? "sample.forbidden" : "sample.not_failed"))
        }
        #expect(try await f.sample(done, from: server)["status"] as? String == "completed")
        let download = try await Self.post("/api/v1/samples/\(done)/download", token: bob, body: #"{"format": "wav"}"#, on: server)
        #expect(download.status == 200)
        #expect(server.terminate(within: 30) == 0)
    }

    @Test("credentials in a submitted URL are used for the fetch and shown to nobody: API, jobs, CLI, error messages")
    func secretsAreRedacted() async throws {
        let f = try ServeFixture()
        let server = try ServeProcess(environment: f.environment)
        let secrets = ["hunter2", "SIGabc123", "tok456", "CREDxyz"]
        let authority = "127.0.0.1:\(f.media.port)"
        let good = "http://ada:hunter2@\(authority)/files/tone.wav?X-Amz-Signature=SIGabc123&token=tok456&X-Amz-Credential=CREDxyz&take=7"
        let id = try await f.submit(good, to: server)
        #expect(try await f.events(id, from: server).last?["status"] as? String == "completed")
        let bad = "http://ada:hunter2@\(authority)/missing?X-Amz-Signature=SIGabc123&token=tok456"
        let failed = try await f.submit(bad, to: server)
        #expect(try await f.events(failed, from: server).last?["status"] as? String == "failed")

        // A collection keeps its items' links: the row and the answers hold them without credentials.
        let collectionLink = "http://ada:hunter2@\(authority)/files/tone.wav?token=tok456&take=8"
        let body = try JSONSerialization.data(withJSONObject: ["urls": [collectionLink]])
        let created = try await f.http.send(.postJSON(server.url("/api/v1/collections"), body, headers: f.auth))
        #expect(created.status == 201 || created.status == 202, "\(created.text)")
        let collectionID = try #require((try JSONSerialization.jsonObject(with: created.body) as? [String: Any])?["id"] as? String)

        var shown: [String: String] = [:]
        shown["collection created"] = created.text
        shown["collection"] = try await f.http.send(HTTPRequest(url: server.url("/api/v1/collections/\(collectionID)"), headers: f.auth)).text
        shown["collections"] = try await f.http.send(HTTPRequest(url: server.url("/api/v1/collections"), headers: f.auth)).text
        shown["list"] = try await f.http.send(.get(server.url("/api/v1/samples"))).text
        shown["sample"] = try await f.http.send(.get(server.url("/api/v1/samples/\(id)"))).text
        shown["failed"] = try await f.http.send(.get(server.url("/api/v1/samples/\(failed)"))).text
        shown["jobs"] = try await f.http.send(HTTPRequest(url: server.url("/api/v1/jobs?include_done=true"), headers: f.auth)).text
        #expect(server.terminate(within: 30) == 0)
        shown["cli list"] = try Command.run(Binary.path, ["list", "--json"], environment: f.environment).stdout
        shown["cli show"] = try Command.run(Binary.path, ["show", String(id.prefix(8))], environment: f.environment).stdout
        shown["cli jobs"] = try Command.run(Binary.path, ["jobs", "--all", "--json"], environment: f.environment).stdout
        for (place, text) in shown {
            #expect(text.contains("/files/tone.wav") || text.contains("/missing") || place.hasPrefix("cli show") || place == "collections", "\(place) shows no URL at all: \(text.prefix(300))")
            for secret in secrets {
                #expect(!text.contains(secret), "\(place) shows \(secret): \(text.prefix(600))")
            }
        }
        #expect(shown["sample"]?.contains("take=7") == true, "an ordinary parameter stays")
        #expect(shown["collection"]?.contains("take=8") == true, "the collection's item keeps its link, redacted")
    }

    @Test("ranges of stored files: digits only, an unparseable range is ignored (200, whole file)")
    func rangesOverHTTP() async throws {
        let f = try ServeFixture()
        let server = try ServeProcess(environment: f.environment)
        let id = try await f.submit(f.media.url("/files/tone.wav"), to: server)
        #expect(try await f.events(id, from: server).last?["status"] as? String == "completed")
        let files = try #require(try await f.sample(id, from: server)["files"] as? [String: Any])
        let url = try #require((files["mp3"] as? [String: Any])?["url"] as? String)
        let whole = try await f.http.send(.get(url))
        #expect(whole.status == 200)
        for (range, status) in [("bytes=--5", 200), ("bytes=+1-5", 200), ("bytes=1-+5", 200), ("bytes=0x1-5", 200), ("bytes=1-5", 206)] {
            var request = HTTPRequest.get(url)
            request.headers.set("Range", range)
            let response = try await f.http.send(request)
            #expect(response.status == status, "\(range)")
            #expect(response.body.count == (status == 200 ? whole.body.count : 5), "\(range)")
        }
        #expect(server.terminate(within: 30) == 0)
    }

    @Test("--serve on a public address without PUBLIC_BASE_URL warns that file URLs follow the Host header")
    func hostHeaderWarning() async throws {
        let f = try ServeFixture()
        let log = f.scratch.path("serve.err")
        let open = try ServeProcess(environment: f.environment, arguments: ["--serve", "--host", "0.0.0.0", "--port", "0", "--workers", "1"],
                                    errorLog: log)
        #expect(open.terminate(within: 30) == 0)
        let said = try String(contentsOfFile: log, encoding: .utf8)
        #expect(said.contains("PUBLIC_BASE_URL") && said.contains("Host"), "\(said)")

        var environment = f.environment
        environment["PUBLIC_BASE_URL"] = "https://samples.example.com"
        let configured = try ServeProcess(environment: environment, arguments: ["--serve", "--host", "0.0.0.0", "--port", "0", "--workers", "1"],
                                          errorLog: log)
        #expect(configured.terminate(within: 30) == 0)
        #expect(try !String(contentsOfFile: log, encoding: .utf8).contains("PUBLIC_BASE_URL"))
        let loopback = try ServeProcess(environment: f.environment, errorLog: log)
        #expect(loopback.terminate(within: 30) == 0)
        #expect(try !String(contentsOfFile: log, encoding: .utf8).contains("PUBLIC_BASE_URL"))
    }
}
