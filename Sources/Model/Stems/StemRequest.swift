/// The body of `POST /api/v1/samples/{id}/separate-stems`: the stem types and, optionally, the
/// provider (default `local`).
public struct StemRequest: Codable, Sendable, Hashable {
    /// The stem types wanted (distinct, at most `StemCatalog.maxStemsPerRequest`).
    public var stems: [StemType]
    /// `local` or `lalal`; nil for the server's default.
    public var provider: String?

    /// Creates a request.
    public init(stems: [StemType], provider: String? = nil) {
        self.stems = stems
        self.provider = provider
    }
}
