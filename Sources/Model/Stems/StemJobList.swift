/// `GET /api/v1/samples/{id}/stems`: a sample's stem jobs, newest first, each with its stems.
public struct StemJobList: Codable, Sendable, Hashable {
    /// The stem jobs.
    public var items: [StemJob]

    /// Creates a list.
    public init(items: [StemJob]) { self.items = items }
}
