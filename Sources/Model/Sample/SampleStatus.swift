/// Where a sample is in its life.
public enum SampleStatus: String, Codable, Sendable, CaseIterable {
    /// Submitted; its job has not started.
    case pending
    /// Its job is running (or waiting to retry).
    case processing
    /// Every file is stored and the analysis saved.
    case completed
    /// Its job failed for good; `error` says why. `retry` starts it again.
    case failed
}
