@testable import Engine
import Foundation
import Testing

@Suite("concurrent download requests per user")
struct ConcurrencyLimiterTests {
    @Test("three requests of a user in progress at once: a fourth is refused with 429 and Retry-After; another user and a freed slot go through")
    func slots() async throws {
        let limiter = ConcurrencyLimiter(limit: 3)
        let (release, releaser) = AsyncStream<Void>.makeStream()
        let (entered, enteredFeed) = AsyncStream<Void>.makeStream()
        let held = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        try await limiter.run("user:a", what: "stem downloads") {
                            enteredFeed.yield()
                            for await _ in release { break }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        var count = 0
        for await _ in entered {
            count += 1
            if count == 3 { break }
        }
        do {
            try await limiter.run("user:a", what: "stem downloads") { Issue.record("a fourth slot was given") }
        } catch let error as APIError {
            #expect(error.status == .tooManyRequests)
            #expect(error.error.code == "rate.limited")
            #expect(error.headers[.retryAfter] == "1")
        }
        #expect(try await limiter.run("user:b", what: "stem downloads") { 7 } == 7, "another user has slots of their own")
        releaser.finish()
        try await held.value
        #expect(try await limiter.run("user:a", what: "stem downloads") { 1 } == 1, "slots come back when requests end")
    }
}
