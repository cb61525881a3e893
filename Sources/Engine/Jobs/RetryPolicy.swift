import Foundation
import Model

/// When a failed step is tried again: exponential backoff with jitter. Which errors are tried
/// again is their code's (``ErrorCode/isRetryable``).
struct RetryPolicy: Sendable {
    let maxAttempts: Int
    let baseDelay: Double

    /// Seconds to wait before try number `attempt + 1` (after `attempt` failures): base × 2^(attempt−1),
    /// with ±25 % jitter, at most 10 minutes.
    /// A rate limit (`instagram.rate_limited`) waits 30 times as long: such limits last minutes.
    func delay(afterAttempt attempt: Int, error: SampleTokError? = nil) -> Double {
        let scale: Double = error?.has(.instagramRateLimited) == true ? 30 : 1
        let raw = scale * baseDelay * pow(2, Double(max(0, attempt - 1)))
        return min(600, raw * Double.random(in: 0.75...1.25))
    }
}
