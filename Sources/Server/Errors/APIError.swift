import Engine
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

    /// An error response with a status the framework chose (a 404 of an unknown route, a 405).
    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.error = SampleTokError(code: code, message: message)
        self.headers = headers
    }

    /// An error with a declared code, answered with the code's status.
    public init(_ code: ErrorCode, _ message: String, headers: HTTPFields = [:]) {
        self.init(SampleTokError(code, message))
        self.headers = headers
    }

    /// An engine error with the status its code calls for.
    public init(_ error: SampleTokError) {
        self.status = Self.status(for: error.code)
        self.error = error
        self.headers = [:]
    }

    /// The status for a dotted error code: its declaration's (``ErrorCode``).
    public static func status(for code: String) -> HTTPResponse.Status {
        HTTPResponse.Status(code: ErrorCode.named(code).httpStatus)
    }

    /// A 400 for a bad query parameter or path.
    static func badRequest(_ message: String) -> APIError {
        APIError(.requestInvalid, message)
    }

    /// A 422 for a well-formed body whose fields are missing or of the wrong type.
    static func unprocessable(_ message: String) -> APIError {
        APIError(.requestUnprocessable, message)
    }
}
