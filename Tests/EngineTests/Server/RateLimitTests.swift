@testable import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Server
import Testing

@Suite("rate limits")
struct RateLimitTests {
    @Test("a bucket allows its burst, refuses with the wait, and refills with time")
    func bucket() throws {
        let limiter = RateLimiter(perMinute: 2)
        try limiter.take(["user:a"], now: 0)
        try limiter.take(["user:a"], now: 0)
        let refused = #expect(throws: APIError.self) { try limiter.take(["user:a"], now: 1) }
        #expect(refused?.status == .tooManyRequests)
        #expect(refused?.headers[.retryAfter] == "29")
        try limiter.take(["user:b"], now: 1)  // another key has its own bucket
        try limiter.take(["user:a"], now: 31)  // one token back after 30 s
        // A request refused by one of its keys costs the other nothing.
        let shared = RateLimiter(perMinute: 1)
        try shared.take(["user:a", "ip:1"], now: 0)
        #expect(throws: APIError.self) { try shared.take(["user:b", "ip:1"], now: 0) }
        try shared.take(["user:b", "ip:2"], now: 0)
    }

    @Test("submissions over the limit get 429 with Retry-After and the error body")
    func submitLimit() async throws {
        let t = try await TestLibrary()
        var configuration = ServerConfiguration(environment: ["SUBMIT_RATE_LIMIT_PER_MINUTE": "2"])
        configuration.adminKey = nil
        let token = try await t.library.accounts.createUser(name: "bo", credits: 0).token
        let app = Application(router: APIServer(library: t.library, configuration: configuration).router())
        try await app.test(.router) { client in
            let client = ConformingClient(client)
            var statuses: [HTTPResponse.Status] = []
            var last: TestResponse?
            for i in 0..<3 {
                let body = ByteBuffer(string: #"{"url": "https://example.com/clip\#(i).mp4"}"#)
                let response = try await client.execute(uri: "/api/v1/process/submit", method: .post,
                                                        headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                                                        body: body)
                statuses.append(response.status)
                last = response
            }
            #expect(statuses == [.accepted, .accepted, .tooManyRequests])
            #expect(last?.headers[.retryAfter].flatMap(Int.init).map { $0 > 0 } == true)
            let json = (try? JSONSerialization.jsonObject(with: Data(last?.body.readableBytesView ?? ByteBuffer().readableBytesView))) as? [String: Any]
            #expect((json?["error"] as? [String: Any])?["code"] as? String == "rate.limited")
        }
    }
}
