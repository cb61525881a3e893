/// The body of `POST /api/v1/samples/{id}/download`: `{"format": "wav"|"mp3"}`.
public struct DownloadRequest: Codable, Sendable {
    /// `wav` or `mp3` (checked by the server, which names a wrong one).
    public var format: String

    /// Creates a request.
    public init(format: String) {
        self.format = format
    }
}
