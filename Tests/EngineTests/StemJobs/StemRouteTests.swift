import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Model
import StemTestSupport
import Testing

@Suite("HTTP API: stem providers, stem requests, stems, stem downloads")
struct StemRouteTests {
    /// A server over a library with a completed sample, the copy separator as `local`, and a
    /// user with `credits` (limits from `environment`).
    struct Fixture {
        let test: TestLibrary
        let server: APIServer
        let sample: Sample
        let token: String

        init(credits: Int, environment: [String: String] = [:]) async throws {
            test = try await TestLibrary()
            test.library.useSeparator(CopySeparator())
            let outcome = try await test.library.submit(try test.tone("mix.wav", frequency: 220, seconds: 1))
            try await test.drain()
            sample = try await test.library.sample(outcome.sample.id.uuidString)
            var configuration = ServerConfiguration(environment: environment)
            configuration.openAPI = try OpenAPIFixture.document.get()
            configuration.eventPollInterval = .milliseconds(50)
            server = APIServer(library: test.library, configuration: configuration)
            token = try await test.library.createUser(name: "ada", credits: credits).token
        }

        var bearer: HTTPFields { [.authorization: "Bearer \(token)", .contentType: "application/json"] }

        func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
            let app = Application(router: server.router())
            try await app.test(.router) { client in try await body(ConformingClient(client)) }
        }

        func request(_ stems: String, provider: String? = nil) -> ByteBuffer {
            ByteBuffer(string: #"{"stems": \#(stems)\#(provider.map { #", "provider": "\#($0)""# } ?? "")}"#)
        }
    }

    @Test("50 concurrent stem requests from a user who can afford 10: exactly 10 get 202, the rest 402; the balance ends at 0 and the ledger sums to it")
    func concurrentRequests() async throws {
        let f = try await Fixture(credits: 20, environment: ["STEM_SEPARATION_RATE_LIMIT_PER_MINUTE": "0"])
        let uri = "/api/v1/samples/\(f.sample.id.uuidString)/separate-stems"
        try await f.test { client in
            let statuses = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String?).self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        let response = try await client.execute(uri: uri, method: .post, headers: f.bearer, body: f.request(#"["drum"]"#))
                        return (response.status, response.errorCode)
                    }
                }
                return try await group.reduce(into: [(HTTPResponse.Status, String?)]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0.0 == .accepted }.count == 10)
            #expect(statuses.filter { $0.0.code == 402 && $0.1 == "credits.insufficient" }.count == 40)
            try await client.execute(uri: "/api/v1/me", method: .get, headers: f.bearer) { response in
                #expect(response.json["balance"] as? Int == 0)
                let ledger = response.json["ledger"] as? [[String: Any]] ?? []
                #expect(ledger.compactMap { $0["delta"] as? Int }.reduce(0, +) == 0, "20 opened, ten charges of 2")
                #expect(ledger.count == 11)
            }
            try await client.execute(uri: "/api/v1/samples/\(f.sample.id.uuidString)/stems", method: .get) { response in
                #expect((response.json["items"] as? [[String: Any]])?.count == 10)
            }
        }
    }

    @Test("separate-stems: 202 with the stem job; refusals with their codes and statuses; the 6th request in a minute is 429 with Retry-After")
    func requestAndRefusals() async throws {
        let f = try await Fixture(credits: 100)
        let uri = "/api/v1/samples/\(f.sample.id.uuidString)/separate-stems"
        try await f.test { client in
            try await client.execute(uri: uri, method: .post, headers: [.contentType: "application/json"], body: f.request(#"["drum"]"#)) {
                #expect($0.status == .unauthorized)
            }
            let refusals: [(String, String?, HTTPResponse.Status, String)] = [
                (#"["vocal", "voice", "drum", "bass", "strings", "wind"]"#, nil, .unprocessableContent, "stems.too_many"),
                (#"["drum", "piano"]"#, nil, .unprocessableContent, "stems.unsupported"),
                (#"["kazoo"]"#, nil, .unprocessableContent, "stems.unknown_type"),
                (#"["drum"]"#, "lalal", .serviceUnavailable, "stems.provider_unconfigured"),
            ]
            for (stems, provider, status, code) in refusals {
                try await client.execute(uri: uri, method: .post, headers: f.bearer, body: f.request(stems, provider: provider)) { response in
                    #expect(response.status == status, "\(stems) \(provider ?? "")")
                    #expect(response.errorCode == code)
                }
            }
            try await client.execute(uri: uri, method: .post, headers: f.bearer, body: f.request(#"["drum", "vocal"]"#)) { response in
                #expect(response.status == .accepted)
                #expect(response.json["cost"] as? Int == 4)
                #expect(response.json["requested"] as? [String] == ["drum", "vocal"])
                #expect((response.json["stems"] as? [[String: Any]])?.count == 2)
            }
            // Four tries above were refused after the limiter counted them: the next is the 6th.
            try await client.execute(uri: uri, method: .post, headers: f.bearer, body: f.request(#"["drum"]"#)) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.errorCode == "rate.limited")
                #expect(response.headers[.retryAfter].flatMap(Int.init).map { $0 > 0 } == true)
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: f.bearer) { #expect($0.json["balance"] as? Int == 96) }
        }
    }

    @Test("stem providers, a finished stem job with file URLs, its events, peaks, and a download charged once")
    func stemsAndDownloads() async throws {
        let f = try await Fixture(credits: 3)
        try await f.test { client in
            try await client.execute(uri: "/api/v1/stem-providers", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.json["cost_per_stem"] as? Int == 2)
                #expect(response.json["max_stems_per_request"] as? Int == 5)
                let providers = response.json["providers"] as? [[String: Any]] ?? []
                #expect(providers.compactMap { $0["name"] as? String } == ["local", "lalal"])
                #expect(providers.first?["configured"] as? Bool == true)
            }
            let jobID = try await client.execute(uri: "/api/v1/samples/\(f.sample.id.uuidString)/separate-stems", method: .post,
                                                 headers: f.bearer, body: f.request(#"["drum"]"#)) { $0.json["id"] as? String ?? "" }
            try await f.test.drain()
            try await client.execute(uri: "/api/v1/stem-jobs/\(jobID)/events", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(#""stem_job_id":"\#(jobID)""#) && response.text.contains(#""step":"done""#))
            }
            let stem = try await client.execute(uri: "/api/v1/samples/\(f.sample.id.uuidString)/stems", method: .get) { response in
                let job = (response.json["items"] as? [[String: Any]])?.first
                #expect(job?["status"] as? String == "completed")
                return (job?["stems"] as? [[String: Any]])?.first ?? [:]
            }
            let stemID = try #require(stem["id"] as? String)
            let wavURL = ((stem["files"] as? [String: Any])?["wav"] as? [String: Any])?["url"] as? String
            #expect(wavURL?.hasSuffix("/files/samples/\(f.sample.id.uuidString.lowercased())/stems/\(stemID.lowercased())/audio.wav") == true)
            try await client.execute(uri: "/api/v1/stems/\(stemID)/peaks", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/stems/\(stemID)", method: .get) { #expect($0.json["type"] as? String == "drum") }
            try await client.execute(uri: "/api/v1/stems/\(UUID().uuidString)", method: .get) {
                #expect($0.status == .notFound && $0.errorCode == "stem.not_found")
            }
            try await client.execute(uri: "/api/v1/stems/zz/peaks", method: .get) { #expect($0.status == .badRequest) }
            let download = "/api/v1/stems/\(stemID)/download"
            for format in ["wav", "mp3", "wav"] {
                try await client.execute(uri: download, method: .post, headers: f.bearer, body: ByteBuffer(string: #"{"format": "\#(format)"}"#)) { response in
                    #expect(response.status == .ok)
                    #expect((response.json["url"] as? String)?.hasSuffix("audio.\(format)") == true)
                }
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: f.bearer) { response in
                #expect(response.json["balance"] as? Int == 0, "3 − 2 for the stem − 1 for the first download only")
                let reasons = (response.json["ledger"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
                #expect(reasons == ["stem.download", "stems.charge", "account.open"])
            }
            try await client.execute(uri: download, method: .post, headers: f.bearer, body: ByteBuffer(string: #"{"format": "flac"}"#)) {
                #expect($0.status == .unprocessableContent)
            }
        }
    }

    @Test("stem downloads over STEM_DOWNLOAD_RATE_LIMIT_PER_MINUTE get 429")
    func downloadLimits() async throws {
        let f = try await Fixture(credits: 10, environment: ["STEM_DOWNLOAD_RATE_LIMIT_PER_MINUTE": "3"])
        let job = try await f.test.library.requestStems(of: f.sample.id.uuidString, stems: [.drum],
                                                         user: try await f.test.library.user(named: "ada").id)
        try await f.test.drain()
        let stemID = try #require(job.stems.first?.id)
        try await f.test { client in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<4 {
                statuses.append(try await client.execute(uri: "/api/v1/stems/\(stemID)/download", method: .post, headers: f.bearer,
                                                         body: ByteBuffer(string: #"{"format": "wav"}"#)).status)
            }
            #expect(statuses == [.ok, .ok, .ok, .tooManyRequests])
        }
        #expect(try await f.test.library.account(of: job.userID).balance == 7, "one charged download")
    }
}
