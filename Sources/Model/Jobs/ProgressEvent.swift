import Foundation

/// One step of a sample's processing (or of a stem job), as it happens. The CLI's `--watch`,
/// the TUI's jobs pane and the server's Server-Sent Events all carry these.
public struct ProgressEvent: Codable, Sendable, Hashable {
    /// The sample being made (or split, for a stem job's event).
    public var sampleID: UUID
    /// The stem job, for the events of one (their status is the stem job's, not the sample's).
    public var stemJobID: UUID?
    /// The step: `resolve`, `download`, `process`, `store`, `save` (a stem job's `separate`,
    /// `process`, `store`, `save`), or `done` / `failed` / `retrying` for the outcome. Events kept
    /// by older versions may name `analyze` or `cleanup`.
    public var step: String
    /// Progress within the step, 0–1.
    public var fraction: Double
    /// What is happening, for people.
    public var message: String
    /// The sample's status after this event.
    public var status: SampleStatus
    /// The error, on `failed` and `retrying`.
    public var error: SampleTokError?
    /// The event's number among the kept events of this sample or stem job, 1, 2, 3…, the same
    /// on every server node and after a restart (SSE `Last-Event-ID`); 0 for a passing report
    /// within a step (bytes downloaded, share decoded), which is not kept.
    public var sequence: Int

    /// Creates an event.
    public init(sampleID: UUID, step: String, fraction: Double, message: String, status: SampleStatus,
                error: SampleTokError? = nil, sequence: Int = 0, stemJobID: UUID? = nil) {
        self.sampleID = sampleID
        self.stemJobID = stemJobID
        self.step = step
        self.fraction = fraction
        self.message = message
        self.status = status
        self.error = error
        self.sequence = sequence
    }

    /// Whether the sample (or stem job) will not change again without a retry.
    public var isFinal: Bool { status == .completed || status == .failed }

    /// What the event is about: the stem job for a stem job's events, else the sample.
    public var subject: UUID { stemJobID ?? sampleID }

    enum CodingKeys: String, CodingKey {
        case step, fraction, message, status, error, sequence
        case sampleID = "sample_id"
        case stemJobID = "stem_job_id"
    }
}
