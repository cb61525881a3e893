import Engine
import Foundation
import Hummingbird
import Model

/// Token buckets, one per key (`user:<id>`, `ip:<address>`): `perMinute` requests a minute with
/// bursts of as many. A request over the limit is refused with 429 and `Retry-After`.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    /// Requests a minute per key; 0 turns the limiter off.
    let perMinute: Int
    private let buckets = Locked([String: Bucket]())

    init(perMinute: Int) {
        self.perMinute = max(0, perMinute)
    }

    /// Takes one token from each key's bucket, or none and throws 429 when one of them is empty.
    func take(_ keys: [String], now: Double = Date().timeIntervalSince1970) throws(APIError) {
        guard perMinute > 0 else { return }
        let capacity = Double(perMinute), rate = Double(perMinute) / 60
        let wait: Double = buckets.withLock { buckets in
            var refilled: [String: Bucket] = [:]
            for key in keys {
                var bucket = buckets[key] ?? Bucket(tokens: capacity, updated: now)
                bucket.tokens = min(capacity, bucket.tokens + (now - bucket.updated) * rate)
                bucket.updated = now
                refilled[key] = bucket
            }
            let longest = refilled.values.map { $0.tokens >= 1 ? 0 : (1 - $0.tokens) / rate }.max() ?? 0
            for (key, var bucket) in refilled {
                if longest == 0 { bucket.tokens -= 1 }
                buckets[key] = bucket
            }
            if buckets.count > 100_000 { buckets = buckets.filter { $0.value.tokens < capacity } }
            return longest
        }
        guard wait > 0 else { return }
        let seconds = Int(wait.rounded(.up))
        throw APIError(.rateLimited, "Too many requests: at most \(perMinute) a minute. Try again in \(seconds) s.",
                       headers: [.retryAfter: String(seconds)])
    }
}
