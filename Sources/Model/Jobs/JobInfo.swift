import Foundation

/// A pipeline job as `sampletok jobs` and the jobs pane show it.
public struct JobInfo: Codable, Sendable, Hashable, Identifiable {
    /// The job's id.
    public var id: UUID
    /// What it makes: a sample, or the stems of one.
    public var kind: JobKind
    /// The sample it makes (or splits, for a stem job).
    public var sampleID: UUID
    /// What was submitted (URL or path).
    public var source: String
    /// Where it is.
    public var status: JobStatus
    /// The step it is at (or failed at).
    public var step: String?
    /// Progress within the step, 0–1.
    public var progress: Double
    /// Tries so far.
    public var attempts: Int
    /// Tries allowed.
    public var maxAttempts: Int
    /// When it runs next (for queued and retrying jobs).
    public var runAt: Date
    /// The last error, when a try failed.
    public var lastError: SampleTokError?
    /// When it was created.
    public var createdAt: Date

    /// Creates a job description.
    public init(id: UUID, sampleID: UUID, source: String, status: JobStatus, step: String?, progress: Double,
                attempts: Int, maxAttempts: Int, runAt: Date, lastError: SampleTokError?, createdAt: Date,
                kind: JobKind = .sample) {
        self.id = id
        self.kind = kind
        self.sampleID = sampleID
        self.source = source
        self.status = status
        self.step = step
        self.progress = progress
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.runAt = runAt
        self.lastError = lastError
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, source, status, step, progress, attempts
        case sampleID = "sample_id"
        case maxAttempts = "max_attempts"
        case runAt = "run_at"
        case lastError = "last_error"
        case createdAt = "created_at"
    }
}
