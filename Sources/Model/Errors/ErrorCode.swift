/// A dotted error code (`sample.not_found`), declared once with the HTTP status an API error
/// carrying it answers with and whether a job step that failed with it is worth another try.
///
/// Errors keep their code as a string on the wire and in the database (an older client reads a
/// newer server's codes); ``named(_:)`` finds the declaration behind a string. The codes are
/// declared by area in `ErrorCode+Fetch.swift`, `+Media`, `+Library` and `+Service`.
public struct ErrorCode: Sendable, Hashable, CustomStringConvertible {
    /// The dotted name, as on the wire.
    public let name: String
    /// The HTTP status of an API error with this code.
    public let httpStatus: Int
    /// Whether a job step that failed with this code is tried again (network trouble, a busy
    /// provider), rather than failed at once (a corrupt file, a refused link, no credits).
    public let isRetryable: Bool

    /// Declares a code.
    init(_ name: String, status: Int, retryable: Bool = false) {
        self.name = name
        self.httpStatus = status
        self.isRetryable = retryable
    }

    public var description: String { name }

    /// Every declared code by name.
    static let declared: [String: ErrorCode] = Dictionary(
        (fetchCodes + mediaCodes + libraryCodes + serviceCodes).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    /// Every declared code.
    public static var all: [ErrorCode] { Array(declared.values) }

    /// The declared code called `name`; a code this build does not know (a newer server's) is a
    /// 500 and not retried.
    public static func named(_ name: String) -> ErrorCode {
        declared[name] ?? ErrorCode(name, status: 500)
    }

    /// Whether `name` is this code's name.
    public static func ~= (code: ErrorCode, name: String) -> Bool { code.name == name }
}
