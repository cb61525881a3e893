import Foundation
import Model

/// When a failed step is tried again: exponential backoff with jitter, and only for errors a
/// retry can cure (network trouble, not a corrupt file).
struct RetryPolicy: Sendable {
    let maxAttempts: Int
    let baseDelay: Double

    /// Seconds to wait before try number `attempt + 1` (after `attempt` failures): base × 2^(attempt−1),
    /// with ±25 % jitter, at most 10 minutes.
    /// A rate limit (`instagram.rate_limited`) waits 30 times as long: such limits last minutes.
    func delay(afterAttempt attempt: Int, error: SampleTokError? = nil) -> Double {
        let scale: Double = error?.code == "instagram.rate_limited" ? 30 : 1
        let raw = scale * baseDelay * pow(2, Double(max(0, attempt - 1)))
        return min(600, raw * Double.random(in: 0.75...1.25))
    }

    /// Whether an error is worth another try.
    static func isRetryable(_ error: SampleTokError) -> Bool {
        if error.code == "media.internal" || error.code == "output.unwritable" { return true }
        if error.code.hasPrefix("instagram.") { return GraphAPIError.isRetryable(error.code) }
        let permanent = ["media.", "link.", "sample.", "request.", "fetch.provider_auth", "stem_job.", "stems.unsupported",
                         "stems.provider_auth", "stems.provider_quota", "stems.file_too_large", "stems.provider_unconfigured",
                         "stems.provider_unknown"]
        return !permanent.contains { error.code.hasPrefix($0) }
    }
}
