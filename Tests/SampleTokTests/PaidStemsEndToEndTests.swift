import Foundation
import Net
import Testing
import TestSupport

/// Stems and their paid files against the built binary's `--serve`, two users, the ledger
/// checked: whose stems are whose, a duplicate request refused without a charge, and a stem file
/// served only through the download link of the user who paid.
@Suite("paid stems over real HTTP, end to end", .serialized)
struct PaidStemsEndToEndTests {
    struct Call {
        let http: HTTPClient
        let server: ServeProcess

        func send(_ method: HTTPMethod, _ path: String, token: String? = nil, json: String? = nil) async throws -> (Int, [String: Any], HTTPResponse) {
            var headers: HTTPHeaders = [:]
            if let token { headers.add("Authorization", "Bearer \(token)") }
            if json != nil { headers.add("Content-Type", "application/json") }
            let url = path.hasPrefix("http") ? path : server.url(path)
            let response = try await http.send(HTTPRequest(url: url, method: method, headers: headers, body: Data((json ?? "").utf8)))
            let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:]
            return (response.status, object, response)
        }
    }

    static func code(_ object: [String: Any]) -> String? { (object["error"] as? [String: Any])?["code"] as? String }

    /// Where the server keeps the files: its folder, or a bucket on the moto test server.
    enum Storage: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case local, s3
        static var tested: [Storage] { TestS3.runs ? [.local, .s3] : [.local] }
        var testDescription: String { rawValue }

        /// The fixture's environment, with a new bucket for `s3`.
        func environment(_ f: ServeFixture) async throws -> [String: String] {
            guard self == .s3 else { return f.environment }
            let bucket = TestS3.freshBucketName()
            _ = try await f.http.send(HTTPRequest(url: "\(try TestS3.requireURL())/\(bucket)", method: .put))
            return f.environment.merging(try TestS3.environment(bucket: bucket)) { $1 }
        }
    }

    @Test("ada's stems: bob gets 404 and an empty list; a duplicate request is 409 stems.already_requested and charges nothing; the WAV is 403 file.unpaid until ada's download link (a bucket: a presigned URL), which bob cannot reuse as his",
          arguments: Storage.tested)
    func paidStems(storage: Storage) async throws {
        let f = try ServeFixture()
        let environment = try await storage.environment(f)
        let made = try Command.run(Binary.path, ["admin", "create-user", "bob", "--credits", "5", "--json"], environment: f.environment)
        let bob = try #require((try JSONSerialization.jsonObject(with: Data(made.stdout.utf8)) as? [String: Any])?["token"] as? String)
        let bobID = try #require(((try JSONSerialization.jsonObject(with: Data(made.stdout.utf8)) as? [String: Any])?["user"] as? [String: Any])?["id"] as? String)
        let server = try ServeProcess(environment: environment)
        let call = Call(http: f.http, server: server)
        let id = try await f.submit(f.media.url("/files/tone.wav"), to: server)
        _ = try await f.events(id, from: server)

        let ask = "/api/v1/samples/\(id)/separate-stems"
        let (accepted, job, _) = try await call.send(.post, ask, token: f.token, json: #"{"stems": ["drum"]}"#)
        #expect(accepted == 202)
        let jobID = try #require(job["id"] as? String)
        let (again, refusal, _) = try await call.send(.post, ask, token: f.token, json: #"{"stems": ["drum"]}"#)
        #expect(again == 409 && Self.code(refusal) == "stems.already_requested", "while it is on its way")

        // Until the stem job is done (bounded): its owner reads it, bob is told it does not exist.
        var status = ""
        let deadline = ContinuousClock.now + .seconds(120)
        while status != "completed" && status != "failed" && ContinuousClock.now < deadline {
            let (code, object, _) = try await call.send(.get, "/api/v1/stem-jobs/\(jobID)", token: f.token)
            #expect(code == 200)
            status = object["status"] as? String ?? ""
            if status != "completed" { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(status == "completed")
        let (bobsRead, _, raw) = try await call.send(.get, "/api/v1/stem-jobs/\(jobID)", token: bob)
        let adaUser = try #require(job["user_id"] as? String)
        #expect(bobsRead == 404 && !raw.text.contains(adaUser), "no 200 and no owner id: \(raw.text)")
        let (_, bobsList, _) = try await call.send(.get, "/api/v1/samples/\(id)/stems", token: bob)
        #expect((bobsList["items"] as? [Any])?.isEmpty == true)
        let (again2, refusal2, _) = try await call.send(.post, ask, token: f.token, json: #"{"stems": ["drum"]}"#)
        #expect(again2 == 409 && Self.code(refusal2) == "stems.already_requested", "once it is done")

        let (_, list, _) = try await call.send(.get, "/api/v1/samples/\(id)/stems", token: f.token)
        let stem = try #require(((list["items"] as? [[String: Any]])?.first?["stems"] as? [[String: Any]])?.first)
        let stemID = try #require(stem["id"] as? String)
        let wav = try #require((stem["files"] as? [String: Any])?["wav"] as? [String: Any])
        #expect(wav["url"] == nil)
        let key = try #require(wav["key"] as? String)
        let (unpaid, unpaidError, _) = try await call.send(.get, "/files/\(key)", token: f.token)
        #expect(unpaid == 403 && Self.code(unpaidError) == "file.unpaid")

        let (bobsDownload, bobsError, _) = try await call.send(.post, "/api/v1/stems/\(stemID)/download", token: bob, json: #"{"format": "wav"}"#)
        #expect(bobsDownload == 404 && Self.code(bobsError) == "stem.not_found")
        let (paid, link, _) = try await call.send(.post, "/api/v1/stems/\(stemID)/download", token: f.token, json: #"{"format": "wav"}"#)
        #expect(paid == 200)
        let url = try #require(link["url"] as? String)
        let (fetched, _, file) = try await call.send(.get, url)
        #expect(fetched == 200 && file.body.count == wav["bytes"] as? Int)
        #expect(file.body.prefix(4) == Data("RIFF".utf8))
        switch storage {
        case .local:
            let adaID = try #require(URLComponents(string: url)?.queryItems?.first { $0.name == "user" }?.value)
            let (forged, forgedError, _) = try await call.send(.get, url.replacingOccurrences(of: adaID, with: bobID.lowercased()))
            #expect(forged == 403 && Self.code(forgedError) == "file.link_invalid")
        case .s3:
            // A presigned URL of the bucket, handed out only after the charge; the object itself is not public.
            #expect(url.hasPrefix(try TestS3.requireURL()) && url.contains("X-Amz-Signature="), "\(url)")
            let unsigned = try #require(url.split(separator: "?").first.map(String.init))
            let (anonymous, _, _) = try await call.send(.get, unsigned)
            #expect(anonymous == 403)
            #expect(file.headers["Content-Type"] == "audio/wav")
        }

        let (_, ada, _) = try await call.send(.get, "/api/v1/me", token: f.token)
        #expect(ada["balance"] as? Int == 0, "3 − 2 for the stem − 1 for its first download; the refusals cost nothing")
        let reasons = (ada["ledger"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
        #expect(reasons == ["stem.download", "stems.charge", "account.open"])
        let (_, bobsAccount, _) = try await call.send(.get, "/api/v1/me", token: bob)
        #expect(bobsAccount["balance"] as? Int == 5)
        #expect(server.terminate(within: 15) == 0)
    }
}
