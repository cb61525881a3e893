import Foundation
import Net
import Testing
import TestSupport

/// The limits of `sampletok --serve` over real HTTP, where requests have a client address:
/// per-user and per-address rate limits, `X-Forwarded-For` from trusted proxies only, and
/// connections of slow clients.
@Suite("sampletok --serve: rate limits, client addresses and slow clients over real HTTP")
struct ServeLimitsTests {
    /// Creates a user with the CLI; its token.
    static func user(_ name: String, credits: Int, _ f: ServeFixture) throws -> String {
        let created = try Command.run(Binary.path, ["admin", "create-user", name, "--credits", String(credits), "--json"],
                                      environment: f.environment)
        guard created.status == 0, let user = try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any],
              let token = user["token"] as? String else { throw CommandFailure(description: created.stderr) }
        return token
    }

    /// POSTs `body` to `path` as the holder of `token`, from `forwardedFor` when given.
    static func post(_ path: String, _ body: String, token: String, forwardedFor: String? = nil,
                     on server: ServeProcess) async throws -> HTTPResponse {
        var headers: HTTPHeaders = ["Authorization": "Bearer \(token)"]
        if let forwardedFor { headers.set("X-Forwarded-For", forwardedFor) }
        return try await HTTPClient().send(.postJSON(server.url(path), Data(body.utf8), headers: headers))
    }

    static func submit(_ n: Int, token: String, forwardedFor: String? = nil, on server: ServeProcess) async throws -> HTTPResponse {
        try await post("/api/v1/process/submit", #"{"url": "https://example.invalid/clip\#(n).mp4"}"#,
                       token: token, forwardedFor: forwardedFor, on: server)
    }

    @Test("submissions: per user and per address; X-Forwarded-For names the address behind a trusted proxy only")
    func submitLimitsByUserAndAddress() async throws {
        let f = try ServeFixture()
        var environment = f.environment
        environment["SUBMIT_RATE_LIMIT_PER_MINUTE"] = "2"
        let bob = try Self.user("bob", credits: 0, f)
        let cy = try Self.user("cy", credits: 0, f)

        // Behind a trusted proxy (this machine): each X-Forwarded-For address has its own bucket.
        environment["TRUSTED_PROXIES"] = "127.0.0.1, ::1"
        let proxied = try ServeProcess(environment: environment)
        var statuses: [Int] = []
        for n in 0..<3 { statuses.append(try await Self.submit(n, token: f.token, forwardedFor: "203.0.113.5", on: proxied).status) }
        #expect(statuses == [202, 202, 429])
        let refused = try await Self.submit(3, token: f.token, forwardedFor: "203.0.113.5", on: proxied)
        #expect(Int(refused.headers["Retry-After"] ?? "").map { $0 > 0 } == true)
        #expect(refused.text.contains("rate.limited"))
        // Another user from the same address: the address's bucket is empty.
        #expect(try await Self.submit(10, token: bob, forwardedFor: "203.0.113.5", on: proxied).status == 429)
        // The same user from another address: the user's bucket is empty.
        #expect(try await Self.submit(11, token: f.token, forwardedFor: "198.51.100.7", on: proxied).status == 429)
        // Another user from another address (the rightmost untrusted hop counts; a spoofed first hop does not).
        #expect(try await Self.submit(12, token: bob, forwardedFor: "203.0.113.5, 198.51.100.7", on: proxied).status == 202)
        #expect(proxied.terminate(within: 30) == 0)

        // No trusted proxies: the header is ignored and every request comes from 127.0.0.1.
        environment["TRUSTED_PROXIES"] = nil
        let direct = try ServeProcess(environment: environment)
        #expect(try await Self.submit(20, token: f.token, forwardedFor: "203.0.113.9", on: direct).status == 202)
        #expect(try await Self.submit(21, token: bob, forwardedFor: "198.51.100.9", on: direct).status == 202)
        #expect(try await Self.submit(22, token: cy, forwardedFor: "192.0.2.9", on: direct).status == 429,
                "a forged X-Forwarded-For must not buy a fresh address")
        #expect(direct.terminate(within: 30) == 0)
    }

    @Test("downloads, stem requests and collections are limited per user and per address")
    func otherRouteLimits() async throws {
        let f = try ServeFixture()
        var environment = f.environment
        environment["DOWNLOAD_RATE_LIMIT_PER_MINUTE"] = "1"
        environment["STEM_SEPARATION_RATE_LIMIT_PER_MINUTE"] = "1"
        environment["SUBMIT_RATE_LIMIT_PER_MINUTE"] = "2"
        environment["COLLECTION_ITEM_CREDITS"] = "0"
        environment["TRUSTED_PROXIES"] = "127.0.0.1"
        let server = try ServeProcess(environment: environment)
        let id = try await f.submit(f.media.url("/files/tone.wav"), to: server)
        let statuses = try await f.events(id, from: server).compactMap { $0["status"] as? String }
        #expect(statuses.last == "completed", "\(statuses)")

        let download = "/api/v1/samples/\(id)/download"
        #expect(try await Self.post(download, #"{"format": "mp3"}"#, token: f.token, forwardedFor: "203.0.113.1", on: server).status == 200)
        let second = try await Self.post(download, #"{"format": "mp3"}"#, token: f.token, forwardedFor: "203.0.113.2", on: server)
        #expect(second.status == 429, "per user")
        #expect(second.headers["Retry-After"] != nil)

        let stems = "/api/v1/samples/\(id)/separate-stems"
        let body = #"{"stems": ["drum"], "provider": "local"}"#
        #expect(try await Self.post(stems, body, token: f.token, forwardedFor: "203.0.113.3", on: server).status == 202)
        #expect(try await Self.post(stems, body, token: f.token, forwardedFor: "203.0.113.4", on: server).status == 429, "per user")
        // Another user from an address whose bucket is spent is refused; from a fresh address it is not.
        let dee = try Self.user("dee", credits: 10, f)
        #expect(try await Self.post(download, #"{"format": "mp3"}"#, token: dee, forwardedFor: "203.0.113.1", on: server).status == 429,
                "downloads per address")
        #expect(try await Self.post(download, #"{"format": "mp3"}"#, token: dee, forwardedFor: "203.0.113.9", on: server).status == 200)
        #expect(try await Self.post(stems, body, token: dee, forwardedFor: "203.0.113.3", on: server).status == 429, "stems per address")
        #expect(try await Self.post(stems, body, token: dee, forwardedFor: "203.0.113.8", on: server).status == 202)

        // Collections share the submission limit (one submit above already used a token of 2).
        let bob = try Self.user("bob", credits: 0, f)
        let collection = #"{"urls": ["https://example.invalid/c1.mp4"]}"#
        #expect(try await Self.post("/api/v1/collections", collection, token: bob, forwardedFor: "198.51.100.1", on: server).status == 202)
        #expect(try await Self.post("/api/v1/collections", collection, token: bob, forwardedFor: "198.51.100.1", on: server).status == 202)
        let third = try await Self.post("/api/v1/collections", collection, token: bob, forwardedFor: "198.51.100.3", on: server)
        #expect(third.status == 429, "per user")
        let cy = try Self.user("cy", credits: 0, f)
        #expect(try await Self.post("/api/v1/collections", collection, token: cy, forwardedFor: "198.51.100.1", on: server).status == 429,
                "per address")
        #expect(server.terminate(within: 30) == 0)
    }

    @Test("slow clients: half a head is cut off after the header timeout however it dribbles; one address holds at most its cap")
    func slowClients() async throws {
        let f = try ServeFixture()
        var environment = f.environment
        environment["SAMPLETOK_HEADER_TIMEOUT"] = "1"
        environment["SAMPLETOK_MAX_CONNECTIONS_PER_ADDRESS"] = "200"
        let server = try ServeProcess(environment: environment)
        let script = FixtureServer.script(named: "slow_clients.py")
        let run = try Command.run("python3", [script, String(server.port), "200", "30"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
        print("slow clients: \(report)")
        #expect(report["closed"] as? Int == 200, "every slow connection is closed: \(report)")
        #expect(report["extra_closed"] as? Bool == true, "the 201st connection from one address is refused: \(report)")
        // The server still answers, and the cap counts connections that are open, not ever opened.
        #expect(try await f.http.send(.get(server.url("/health"))).status == 200)
        #expect(server.terminate(within: 30) == 0)
    }

    @Test("silent clients: a stalled request body and an idle kept-alive connection are closed after SAMPLETOK_IDLE_TIMEOUT")
    func idleClients() async throws {
        let f = try ServeFixture()
        var environment = f.environment
        environment["SAMPLETOK_IDLE_TIMEOUT"] = "1"
        // Longer than the run's 30 s, so only the idle timeout can close these connections.
        environment["SAMPLETOK_HEADER_TIMEOUT"] = "120"
        let server = try ServeProcess(environment: environment)
        let run = try Command.run("python3", [FixtureServer.script(named: "idle_clients.py"), String(server.port), "30"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
        print("idle clients: \(report)")
        let stalled = try #require(report["stalled_body"] as? [String: Any])
        let kept = try #require(report["kept_alive"] as? [String: Any])
        #expect(stalled["closed"] as? Bool == true, "a body that stops coming is not waited for: \(report)")
        #expect(kept["answered"] as? Bool == true, "the kept-alive connection was answered first: \(report)")
        #expect(kept["closed"] as? Bool == true, "an idle kept-alive connection is closed: \(report)")
        #expect(try await f.http.send(.get(server.url("/health"))).status == 200)
        #expect(server.terminate(within: 30) == 0)
    }
}
