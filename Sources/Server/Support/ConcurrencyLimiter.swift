import Engine
import Foundation
import Hummingbird
import Model

/// At most `limit` transfers in progress at once per key (a user): one more is refused with 429
/// and `Retry-After: 1` rather than queued. A transfer holds its `Slot` until the response body
/// has been written (or dropped unwritten), not just while its handler runs.
final class ConcurrencyLimiter: Sendable {
    /// Transfers in progress allowed per key.
    let limit: Int
    private let running = Locked([String: Int]())

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// One of a key's slots, given back by `release()` or when the last reference goes.
    final class Slot: Sendable {
        private let limiter: ConcurrencyLimiter
        private let key: String
        private let held = Locked(true)

        fileprivate init(limiter: ConcurrencyLimiter, key: String) {
            self.limiter = limiter
            self.key = key
        }

        /// Gives the slot back (once; later calls do nothing).
        func release() {
            guard held.withLock({ held in defer { held = false }; return held }) else { return }
            limiter.running.withLock { running in
                let left = (running[key] ?? 1) - 1
                running[key] = left > 0 ? left : nil
            }
        }

        deinit { release() }
    }

    /// Takes one of `key`'s slots, or throws `rate.limited` (429) when they are all taken.
    func acquire(_ key: String, what: String) throws(APIError) -> Slot {
        let taken = running.withLock { running -> Bool in
            let now = running[key, default: 0]
            guard now < limit else { return false }
            running[key] = now + 1
            return true
        }
        guard taken else {
            throw APIError(.rateLimited, "At most \(limit) \(what) at once per user: wait for one to finish and try again.",
                           headers: [.retryAfter: "1"])
        }
        return Slot(limiter: self, key: key)
    }

    /// How many of `key`'s slots are taken.
    func inUse(_ key: String) -> Int {
        running.withLock { $0[key] ?? 0 }
    }

    /// `body` with its slot held until the body is written: the response a transfer answers.
    func holding(_ slot: Slot, _ body: ResponseBody) -> ResponseBody {
        ResponseBody(contentLength: body.contentLength) { writer in
            defer { slot.release() }
            try await body.write(writer)
        }
    }
}
