@testable import Engine
import Foundation
import Hummingbird
@testable import Server
import Testing

@Suite("concurrent transfers per user")
struct ConcurrencyLimiterTests {
    @Test("three slots of a user held: a fourth is refused with 429 and Retry-After; another user and a freed slot go through; a dropped slot comes back")
    func slots() throws {
        let limiter = ConcurrencyLimiter(limit: 3)
        var held = try (0..<3).map { _ in try limiter.acquire("user:a", what: "downloads") }
        do {
            _ = try limiter.acquire("user:a", what: "downloads")
            Issue.record("a fourth slot was given")
        } catch {
            #expect(error.status == .tooManyRequests)
            #expect(error.error.code == "rate.limited")
            #expect(error.headers[.retryAfter] == "1")
        }
        #expect(limiter.inUse("user:a") == 3)
        _ = try limiter.acquire("user:b", what: "downloads")
        #expect(limiter.inUse("user:b") == 0, "another user's slot, given back when dropped")
        held[0].release()
        held[0].release()
        #expect(limiter.inUse("user:a") == 2, "released once, however often asked")
        held.removeAll()
        #expect(limiter.inUse("user:a") == 0, "dropping a slot gives it back")
    }

    @Test("a response body holds its slot until it has been written")
    func heldWhileWriting() async throws {
        let limiter = ConcurrencyLimiter(limit: 1)
        let body = limiter.holding(try limiter.acquire("user:a", what: "downloads"), ResponseBody(byteBuffer: ByteBuffer(string: "audio")))
        #expect(limiter.inUse("user:a") == 1)
        #expect(throws: APIError.self) { _ = try limiter.acquire("user:a", what: "downloads") }
        _ = body
    }
}
