import Hummingbird
import Model

/// An error the API answers with: its status, `{"error": {"code", "message"}}`, and any headers
/// (`WWW-Authenticate`, `Retry-After`).
public struct APIError: Error, Sendable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// The code and message of the body.
    public var error: SampleTokError
    /// Extra response headers.
    public var headers: HTTPFields

    /// Creates an error response.
    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.error = SampleTokError(code: code, message: message)
        self.headers = headers
    }

    /// An engine error with the status its code calls for.
    public init(_ error: SampleTokError) {
        self.status = Self.status(for: error.code)
        self.error = error
        self.headers = [:]
    }

    /// The status for a dotted error code.
    public static func status(for code: String) -> HTTPResponse.Status {
        switch code {
        case "sample.not_found", "user.not_found", "file.not_found", "route.not_found", "collection.not_found", "link.not_found",
             "stem.not_found", "stem_job.not_found":
            return .notFound
        case "sample.ambiguous", "sample.busy", "sample.not_ready", "sample.not_failed", "user.exists", "collection.ambiguous", "collection.finished",
             "stem.not_ready", "stems.already_requested":
            return .conflict
        case "fetch.provider_auth", "fetch.provider_error", "config.invalid", "stems.provider_unconfigured": return .serviceUnavailable
        case "request.too_large": return .contentTooLarge
        case "link.forbidden", "sample.forbidden", "file.unpaid", "file.link_expired", "file.link_invalid": return .forbidden
        case "link.unsupported", "link.invalid", "request.unprocessable": return .unprocessableContent
        default: break
        }
        switch code.split(separator: ".").first ?? "" {
        case "request", "storage": return .badRequest
        case "fetch": return .serviceUnavailable
        case "auth": return .unauthorized
        case "credits": return .init(code: 402, reasonPhrase: "Payment Required")
        case "rate": return .tooManyRequests
        case "stems": return .unprocessableContent
        case "server": return code == "server.internal" ? .internalServerError : .serviceUnavailable
        default: return .internalServerError
        }
    }

    /// A 400 for a bad query parameter or path.
    static func badRequest(_ message: String) -> APIError {
        APIError(.badRequest, "request.invalid", message)
    }

    /// A 422 for a well-formed body whose fields are missing or of the wrong type.
    static func unprocessable(_ message: String) -> APIError {
        APIError(.unprocessableContent, "request.unprocessable", message)
    }
}
