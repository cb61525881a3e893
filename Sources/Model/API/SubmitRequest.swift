/// The body of `POST /api/v1/process/submit`: `{"url": …}`.
public struct SubmitRequest: Codable, Sendable {
    /// The http(s) URL to make a sample of.
    public var url: String

    /// Creates a request.
    public init(url: String) {
        self.url = url
    }
}
