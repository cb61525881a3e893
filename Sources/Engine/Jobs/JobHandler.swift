import Foundation
import Model

/// What the runner does with the jobs of one kind (`JobModel.kind`): run one from its last
/// checkpoint, and record a failed try or the final failure. The runner owns the rest: claims,
/// leases and their renewal, the retry policy.
protocol JobHandler: Sendable {
    /// Runs a claimed job from its last checkpoint; throws the failed step's error.
    func run(_ job: JobModel) async throws -> JobOutcome
    /// A try failed; the job has been put back to run after `delay` seconds.
    func willRetry(_ job: JobModel, error: SampleTokError, delay: Double) async throws
    /// The job failed for good: record that together with the job's end, in one transaction.
    func fail(_ job: JobModel, error: SampleTokError) async throws
}

/// How a job's run ended (other than by an error).
enum JobOutcome: Sendable, Equatable {
    /// It is done (the handler recorded its end).
    case finished
    /// It waits for something else (another job): run it again after this many seconds, from
    /// its checkpoint, without counting a try.
    case waiting(seconds: Double)
}
