import Foundation
import Hummingbird

/// At most `limit` requests in progress at once per key (a user): one more is refused with 429
/// and `Retry-After: 1` rather than queued.
final class ConcurrencyLimiter: Sendable {
    /// Requests in progress allowed per key.
    let limit: Int
    private let running = Mutex([String: Int]())

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Runs `body` in one of `key`'s slots, or throws `rate.limited` (429) when they are all taken.
    func run<T: Sendable>(_ key: String, what: String, _ body: () async throws -> T) async throws -> T {
        let taken = running.withLock { running -> Bool in
            let now = running[key, default: 0]
            guard now < limit else { return false }
            running[key] = now + 1
            return true
        }
        guard taken else {
            throw APIError(.tooManyRequests, "rate.limited",
                           "At most \(limit) \(what) at once per user: wait for one to finish and try again.",
                           headers: [.retryAfter: "1"])
        }
        defer {
            running.withLock { running in
                let left = (running[key] ?? 1) - 1
                running[key] = left > 0 ? left : nil
            }
        }
        return try await body()
    }
}
