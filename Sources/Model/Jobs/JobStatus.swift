/// Where a pipeline job is.
public enum JobStatus: String, Codable, Sendable, CaseIterable {
    /// Waiting for a worker.
    case queued
    /// A worker holds its lease and runs it.
    case running
    /// A step failed; it waits for its next try.
    case retrying
    /// It failed for good.
    case failed
    /// It finished.
    case done
}
