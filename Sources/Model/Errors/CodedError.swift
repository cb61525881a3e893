/// An error with a dotted code a program can match and a message a person can act on: the shape
/// every module's error shares (`SampleTokError`, `MediaError`, `NetError`, `PlaybackError`, …).
public protocol CodedError: Error, Sendable, CustomStringConvertible {
    /// The dotted code, e.g. `media.corrupt`.
    var code: String { get }
    /// What went wrong and, where possible, what to do about it.
    var message: String { get }
}

extension CodedError {
    /// `code: message`.
    public var description: String { "\(code): \(message)" }

    /// The declaration of ``code``: its HTTP status and whether it is retried.
    public var errorCode: ErrorCode { .named(code) }

    /// Whether this error carries `code`.
    public func has(_ code: ErrorCode) -> Bool { self.code == code.name }
}
