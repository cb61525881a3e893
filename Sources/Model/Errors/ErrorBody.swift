/// The body of every error response of the HTTP API: `{"error": {"code": …, "message": …}}`.
public struct ErrorBody: Codable, Sendable, Hashable {
    /// The error.
    public var error: SampleTokError

    /// Wraps an error.
    public init(_ error: SampleTokError) {
        self.error = error
    }
}
