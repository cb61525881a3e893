import Foundation
import Model
import Net

/// A 429 from LALAL.AI, with the wait its `Retry-After` asked for. The separator waits it out on
/// a check and turns it into `rate.limited` anywhere else.
struct LALALRateLimited: Error {
    var retryAfter: Double?
}

/// LALAL.AI's failures as SampleTok errors, with what a user can do about each.
enum LALALError {
    /// The error for an HTTP answer that is not a success.
    static func from(status: Int, body: Data, retryAfter: Double?) -> SampleTokError {
        let error = try? JSONDecoder().decode(LALALWire.ErrorBody.self, from: body)
        let detail = error?.detail.map { " (\($0))" } ?? ""
        switch (status, error?.code) {
        case (401, _), (403, _):
            return SampleTokError(.stemsProviderAuth, "LALAL.AI refused the license key\(detail). Check LALAL_API_KEY: it must be the license key of your LALAL.AI account.")
        case (_, "exceeded_duration"):
            return SampleTokError(.stemsProviderQuota, "Your LALAL.AI license has no minutes left for this sample (each stem costs the sample's length)\(detail). "
                + "Add minutes to your LALAL.AI account, or use the local provider.")
        case (_, "exceeded_size"), (413, _):
            return SampleTokError(.stemsFileTooLarge, "The sample is too large for your LALAL.AI license\(detail). Use a shorter sample or the local provider.")
        case (_, "max_duration"):
            return SampleTokError(.stemsFileTooLarge, "The sample is too long for LALAL.AI\(detail). Use a shorter sample or the local provider.")
        case (429, _):
            return rateLimited(retryAfter: retryAfter)
        case (500..., _), (408, _), (_, "internal_error"):
            return SampleTokError(.stemsProviderFailed, "LALAL.AI had a server error (HTTP \(status))\(detail). Try again later.")
        case (400..<500, _):
            // The request itself is refused (a 422 validation error, say): sending it again
            // would only be refused again.
            return SampleTokError(.stemsProviderRefused, "LALAL.AI refused the request (HTTP \(status))\(detail). Your credits are refunded; "
                + "if this keeps happening, SampleTok and LALAL.AI's API disagree: use the local provider and report it.")
        default:
            return SampleTokError(.stemsProviderFailed, "LALAL.AI answered HTTP \(status)\(detail). Try again later.")
        }
    }

    /// `rate.limited`, saying when to retry.
    static func rateLimited(retryAfter: Double?) -> SampleTokError {
        let when = retryAfter.map { "in \(Int($0.rounded(.up))) s" } ?? "in a minute"
        return SampleTokError(.rateLimited, "LALAL.AI is rate limiting this account. Try again \(when).")
    }


    /// A task that LALAL.AI ended with `error` (it could not separate this audio: trying the
    /// same again is refused again) or that was `cancelled` on LALAL.AI's side.
    static func taskFailed(_ stem: String, _ detail: String) -> SampleTokError {
        SampleTokError(.stemsProviderRefused, "LALAL.AI could not make the \(stem) stem: \(detail). Your credits are refunded; try another stem type or the local provider.")
    }

    /// A task that ended with LALAL.AI's `server_error`: a fault on their side, worth another try.
    static func taskServerError(_ stem: String, _ detail: String) -> SampleTokError {
        SampleTokError(.stemsProviderFailed, "LALAL.AI had a server error on the \(stem) stem: \(detail). Try again later.")
    }

    /// An answer that does not have the shape of the v1 API.
    static func unexpected(_ what: String) -> SampleTokError {
        SampleTokError(.stemsProviderFailed, "LALAL.AI answered \(what) with something SampleTok does not understand. Check LALAL_API_BASE_URL.")
    }

    /// A transfer that did not reach LALAL.AI or did not finish.
    static func transport(_ error: NetError) -> SampleTokError {
        SampleTokError(.stemsProviderFailed, "Cannot talk to LALAL.AI: \(error.message)")
    }

    /// Seconds from a `Retry-After` header (delta-seconds or an HTTP date).
    static func retryAfter(_ value: String?, now: Date = Date()) -> Double? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds.isFinite, seconds >= 0 { return min(seconds, 3600) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return min(3600, max(0, date.timeIntervalSince(now)))
    }
}
