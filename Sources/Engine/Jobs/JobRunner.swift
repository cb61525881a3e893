import FluentKit
import Foundation
import Logging
import Model

/// Pipeline workers: each claims a job, runs it with its lease renewed, and records the outcome.
public struct JobRunner: Sendable {
    let library: Library
    let reportFailure: @Sendable (_ error: any Error, _ retryAfter: Duration) -> Void

    /// Creates a runner for a library. `reportFailure` hears each failure of the job queue a
    /// worker rides out, with the wait before it tries again (by default: a warning in the log).
    public init(library: Library,
                reportFailure: @escaping @Sendable (_ error: any Error, _ retryAfter: Duration) -> Void = JobRunner.logFailure) {
        self.library = library
        self.reportFailure = reportFailure
    }

    /// Logs a failure of the job queue as a warning (`sampletok.worker`).
    public static func logFailure(_ error: any Error, retryAfter: Duration) {
        logger.warning("a worker could not use the job queue (\(describe(error))); trying again in \(retryAfter)")
    }

    /// Consecutive failures of the queue itself (not of a job) after which a worker gives up
    /// and `run` throws; the waits between them add up to about half a minute.
    static let maxConsecutiveFailures = 7

    /// Runs `workers` workers until `shouldStop` says so (checked whenever a worker is idle).
    /// With `sample`, they take only that sample's job. `stopClaiming` is asked before every
    /// claim: once it says true, each worker finishes the job it has and returns (a server
    /// draining for shutdown).
    ///
    /// A failure of the queue itself (the database busy or slow to answer, say) is logged and
    /// the worker tries again after a growing wait, instead of stopping every worker for good;
    /// a job it held is claimed again once its lease lapses. Only `maxConsecutiveFailures` in a
    /// row end the run with the last error. `retryWait` gives the wait after so many failures.
    public func run(workers: Int, sample: UUID? = nil, pollInterval: Duration = .milliseconds(200),
                    stopClaiming: @escaping @Sendable () -> Bool = { false },
                    retryWait: @escaping @Sendable (_ failures: Int) -> Duration = JobRunner.backoff(afterFailures:),
                    shouldStop: @escaping @Sendable () async -> Bool) async throws {
        try await library.parts.queue.releaseDeadLeases()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, workers) {
                group.addTask {
                    var failures = 0
                    while !Task.isCancelled && !stopClaiming() {
                        do {
                            let ran = try await runOne(sample: sample)
                            failures = 0
                            if ran { continue }
                        } catch {
                            if Task.isCancelled { return }
                            failures += 1
                            guard failures < Self.maxConsecutiveFailures else {
                                Self.logger.error("a worker stopped after \(failures) failures of the job queue in a row (\(Self.describe(error)))")
                                throw error
                            }
                            let wait = retryWait(failures)
                            reportFailure(error, wait)
                            try await Task.sleep(for: wait)
                            continue
                        }
                        if await shouldStop() { return }
                        try await Task.sleep(for: pollInterval)
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// The wait after the `failures`-th failure in a row: 0.5 s, doubling, at most 10 s.
    public static func backoff(afterFailures failures: Int) -> Duration {
        .milliseconds(min(10_000, 500 << min(failures - 1, 5)))
    }

    private static let logger = Logger(label: "sampletok.worker")

    private static func describe(_ error: any Error) -> String {
        SampleTokError.library(error).map { "\($0.code): \($0.message)" } ?? "\(error)"
    }

    /// Claims and runs one job (of `sample` only, when given); false when none was ready.
    @discardableResult
    public func runOne(sample: UUID? = nil) async throws -> Bool {
        let queue = library.parts.queue
        guard let job = try await queue.claim(sample: sample), let jobID = job.id else { return false }
        let renewal = Task {
            while !Task.isCancelled {
                try await Task.sleep(for: .seconds(max(1, library.configuration.leaseSeconds / 3)))
                _ = try await queue.renew(jobID)
            }
        }
        defer { renewal.cancel() }
        let handler = self.handler(for: job, queue: queue)
        do {
            if case .waiting(let seconds) = try await handler.run(job) {
                _ = try await queue.postpone(jobID, seconds: seconds)
            }
        } catch {
            // Stopped from outside (a shutdown): not the job's fault. Its lease lapses or is
            // released, and a worker resumes it from its last checkpoint.
            if Task.isCancelled { return true }
            let failure = SampleTokError.library(error) ?? SampleTokError(.jobFailed, "\(error)")
            guard !failure.has(.jobLeaseLost) else { return true }
            let policy = RetryPolicy(maxAttempts: job.maxAttempts, baseDelay: library.configuration.retryBaseDelay)
            if failure.errorCode.isRetryable && job.attempts + 1 < job.maxAttempts {
                let delay = policy.delay(afterAttempt: job.attempts + 1, error: failure)
                try await queue.scheduleRetry(job, error: failure, delay: delay)
                try await handler.willRetry(job, error: failure, delay: delay)
            } else {
                try await handler.fail(job, error: failure)
            }
        }
        return true
    }

    /// The handler of a job's kind.
    func handler(for job: JobModel, queue: JobQueue) -> any JobHandler {
        switch job.kind {
        case InstagramMentionJob.kind:
            return InstagramMentionJob(parts: library.parts, instagram: library.instagram, samples: library.samples, queue: queue)
        case JobKind.stems.rawValue:
            return StemPipeline(parts: library.parts, stems: library.stems, outputs: library.outputs, queue: queue)
        default:
            return SamplePipeline(parts: library.parts, samples: library.samples, outputs: library.outputs, queue: queue)
        }
    }
}
