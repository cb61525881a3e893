import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Model
import Server
import StemTestSupport
import Testing

@Suite("HTTP API: stem providers, stem requests, stems, stem downloads", .timeLimit(.minutes(5)))
struct StemRouteTests {
    /// A server over a library with a completed sample, the copy separator as `local`, and a
    /// user with `credits` (limits from `environment`).
    struct Fixture {
        let test: TestLibrary
        let server: APIServer
        let sample: Sample
        let token: String

        init(credits: Int, environment: [String: String] = [:]) async throws {
            test = try await TestLibrary(separator: CopySeparator())
            let outcome = try await test.library.samples.submit(try test.tone("mix.wav", frequency: 220, seconds: 1))
            try await test.drain()
            sample = try await test.library.samples.sample(outcome.sample.id)
            var configuration = ServerConfiguration(environment: environment)
            configuration.openAPI = try OpenAPIFixture.document.get()
            configuration.eventPollInterval = .milliseconds(50)
            server = APIServer(library: test.library, configuration: configuration)
            token = try await test.library.accounts.createUser(name: "ada", credits: credits).token
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

    @Test("50 concurrent stem requests from a user who can afford 10, over the 9 types the provider makes: exactly one 202 per type, the rest 409 stems.already_requested or 402; the ledger sums to the balance")
    func concurrentRequests() async throws {
        let f = try await Fixture(credits: 20, environment: ["STEM_SEPARATION_RATE_LIMIT_PER_MINUTE": "0"])
        let uri = "/api/v1/samples/\(f.sample.id.uuidString)/separate-stems"
        let types = StemType.allCases.filter { $0 != .piano }
        try await f.test { client in
            let answers = try await withThrowingTaskGroup(of: (StemType, HTTPResponse.Status, String?).self) { group in
                for index in 0..<50 {
                    let type = types[index % types.count]
                    group.addTask {
                        let response = try await client.execute(uri: uri, method: .post, headers: f.bearer, body: f.request(#"["\#(type.rawValue)"]"#))
                        return (type, response.status, response.errorCode)
                    }
                }
                return try await group.reduce(into: [(StemType, HTTPResponse.Status, String?)]()) { $0.append($1) }
            }
            let accepted = answers.filter { $0.1 == .accepted }
            #expect(accepted.count == 9)
            #expect(Set(accepted.map(\.0)).count == 9, "one stem job per type, never two")
            #expect(answers.filter { $0.1 != .accepted }.allSatisfy { $0.2 == "stems.already_requested" || $0.2 == "credits.insufficient" })
            try await client.execute(uri: "/api/v1/me", method: .get, headers: f.bearer) { response in
                #expect(response.json["balance"] as? Int == 2)
                let ledger = response.json["ledger"] as? [[String: Any]] ?? []
                #expect(ledger.compactMap { $0["delta"] as? Int }.reduce(0, +) == 2, "20 opened, nine charges of 2")
                #expect(ledger.count == 10)
            }
            try await client.execute(uri: "/api/v1/samples/\(f.sample.id.uuidString)/stems", method: .get, headers: f.bearer) { response in
                #expect((response.json["items"] as? [[String: Any]])?.count == 9)
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
            try await client.execute(uri: "/api/v1/stem-jobs/\(jobID)/events", method: .get, headers: f.bearer) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(#""stem_job_id":"\#(jobID)""#) && response.text.contains(#""step":"done""#))
            }
            let stem = try await client.execute(uri: "/api/v1/samples/\(f.sample.id.uuidString)/stems", method: .get, headers: f.bearer) { response in
                let job = (response.json["items"] as? [[String: Any]])?.first
                #expect(job?["status"] as? String == "completed")
                return (job?["stems"] as? [[String: Any]])?.first ?? [:]
            }
            let stemID = try #require(stem["id"] as? String)
            let files = try #require(stem["files"] as? [String: Any])
            let wav = try #require(files["wav"] as? [String: Any])
            #expect(wav["key"] as? String == "samples/\(f.sample.id.uuidString.lowercased())/stems/\(stemID.lowercased())/audio.wav")
            #expect(wav["url"] == nil, "a paid file has no URL in a listing")
            #expect((files["mp3"] as? [String: Any])?["url"] == nil)
            #expect(((files["hls"] as? [String: Any])?["url"] as? String)?.hasSuffix("/hls/index.m3u8") == true, "the owner auditions it")
            try await client.execute(uri: "/api/v1/stems/\(stemID)/peaks", method: .get, headers: f.bearer) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/stems/\(stemID)", method: .get, headers: f.bearer) { #expect($0.json["type"] as? String == "drum") }
            try await client.execute(uri: "/api/v1/stems/\(UUID().uuidString)", method: .get, headers: f.bearer) {
                #expect($0.status == .notFound && $0.errorCode == "stem.not_found")
            }
            try await client.execute(uri: "/api/v1/stems/zz/peaks", method: .get, headers: f.bearer) { #expect($0.status == .badRequest) }
            let download = "/api/v1/stems/\(stemID)/download"
            for format in ["wav", "mp3", "wav"] {
                try await client.execute(uri: download, method: .post, headers: f.bearer, body: ByteBuffer(string: #"{"format": "\#(format)"}"#)) { response in
                    #expect(response.status == .ok)
                    let url = response.json["url"] as? String ?? ""
                    #expect(url.contains("/stems/\(stemID.lowercased())/audio.\(format)?user="), "\(url)")
                    #expect(url.contains("&expires=") && url.contains("&signature="), "a signed link: \(url)")
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

    @Test("stem jobs and stems are their owner's: another user gets 404 for each, an empty list, and is charged nothing; an admin sees them; the sample stays public")
    func ownership() async throws {
        let f = try await Fixture(credits: 5)
        let library = f.test.library
        let bob = try await library.accounts.createUser(name: "bob", credits: 5).token
        let root = try await library.accounts.createUser(name: "root", isAdmin: true).token
        let job = try await library.stems.request(of: f.sample.id, stems: [.drum], as: try await library.accounts.user(named: "ada").principal)
        try await f.test.drain()
        let stemID = try #require(job.stems.first?.id)
        @Sendable func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)", .contentType: "application/json"] }
        try await f.test { client in
            let reads: [(String, String)] = [
                ("/api/v1/stem-jobs/\(job.id)", "stem_job.not_found"), ("/api/v1/stem-jobs/\(job.id)/events", "stem_job.not_found"),
                ("/api/v1/stems/\(stemID)", "stem.not_found"), ("/api/v1/stems/\(stemID)/peaks", "stem.not_found"),
            ]
            for (uri, code) in reads {
                try await client.execute(uri: uri, method: .get, headers: bearer(bob)) { response in
                    #expect(response.status == .notFound && response.errorCode == code, "\(uri)")
                    #expect(!response.text.contains(job.userID.uuidString.lowercased()) && !response.text.contains(job.userID.uuidString))
                }
                try await client.execute(uri: uri, method: .get) { #expect($0.status == .unauthorized, "\(uri) without a token") }
                try await client.execute(uri: uri, method: .get, headers: f.bearer) { #expect($0.status == .ok, "\(uri) as its owner") }
                try await client.execute(uri: uri, method: .get, headers: bearer(root)) { #expect($0.status == .ok, "\(uri) as an admin") }
            }
            try await client.execute(uri: "/api/v1/stems/\(stemID)/download", method: .post, headers: bearer(bob),
                                     body: ByteBuffer(string: #"{"format": "wav"}"#)) { response in
                #expect(response.status == .notFound && response.errorCode == "stem.not_found")
            }
            let list = "/api/v1/samples/\(f.sample.id.uuidString)/stems"
            for headers in [bearer(bob), [:]] {
                try await client.execute(uri: list, method: .get, headers: headers) { response in
                    #expect(response.status == .ok)
                    #expect((response.json["items"] as? [Any])?.isEmpty == true)
                }
            }
            try await client.execute(uri: list, method: .get, headers: f.bearer) { #expect(($0.json["items"] as? [Any])?.count == 1) }
            try await client.execute(uri: list, method: .get, headers: [.authorization: "Bearer nope"]) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/api/v1/samples/\(UUID().uuidString)/stems", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/samples/\(f.sample.id.uuidString)", method: .get) { #expect($0.status == .ok) }
        }
        #expect(try await library.accounts.user(named: "bob").credits == 5)
    }

    @Test("stem downloads over STEM_DOWNLOAD_RATE_LIMIT_PER_MINUTE get 429")
    func downloadLimits() async throws {
        let f = try await Fixture(credits: 10, environment: ["STEM_DOWNLOAD_RATE_LIMIT_PER_MINUTE": "3"])
        let job = try await f.test.library.stems.request(of: f.sample.id, stems: [.drum],
                                                         as: try await f.test.library.accounts.user(named: "ada").principal)
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
        #expect(try await f.test.library.accounts.account(as: Principal(id: job.userID)).balance == 7, "one charged download")
    }
}
