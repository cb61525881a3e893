/// The answer to `GET /api/v1/jobs`: `{"items": [JobInfo]}`.
public struct JobList: Codable, Sendable {
    /// The jobs, newest first.
    public var items: [JobInfo]

    /// Creates a list.
    public init(items: [JobInfo]) {
        self.items = items
    }
}
