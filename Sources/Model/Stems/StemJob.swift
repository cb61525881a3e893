import Foundation

/// One stem request: the sample, who asked and paid, the provider, the stems asked for, where
/// it is, and the stems it made. The durable job that runs it (`JobInfo`, kind `stems`) has the
/// same id.
public struct StemJob: Codable, Sendable, Hashable, Identifiable {
    /// The stem job's id.
    public var id: UUID
    /// The sample split.
    public var sampleID: UUID
    /// Who asked (and paid).
    public var userID: UUID
    /// The provider (`local`, `lalal`).
    public var provider: String
    /// The stem types asked for.
    public var requested: [StemType]
    /// `pending` (queued), `processing`, `completed` or `failed`.
    public var status: SampleStatus
    /// Why it failed.
    public var error: SampleTokError?
    /// The credits charged (refunded when it failed).
    public var cost: Int
    /// Its stems, one per requested type.
    public var stems: [Stem]
    /// When it was requested.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date
    /// When it completed.
    public var completedAt: Date?

    /// Creates a stem job.
    public init(id: UUID, sampleID: UUID, userID: UUID, provider: String, requested: [StemType], status: SampleStatus,
                error: SampleTokError? = nil, cost: Int, stems: [Stem], createdAt: Date, updatedAt: Date,
                completedAt: Date? = nil) {
        self.id = id
        self.sampleID = sampleID
        self.userID = userID
        self.provider = provider
        self.requested = requested
        self.status = status
        self.error = error
        self.cost = cost
        self.stems = stems
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.completedAt = completedAt
    }

    /// Whether it will not change again.
    public var isFinal: Bool { status == .completed || status == .failed }

    enum CodingKeys: String, CodingKey {
        case id, provider, requested, status, error, cost, stems
        case sampleID = "sample_id"
        case userID = "user_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case completedAt = "completed_at"
    }
}
