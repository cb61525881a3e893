import FluentKit
import Foundation
import Model

/// Pipeline workers: each claims a job, runs it with its lease renewed, and records the outcome.
public struct JobRunner: Sendable {
    let library: Library

    /// Creates a runner for a library.
    public init(library: Library) {
        self.library = library
    }

    /// Runs `workers` workers until `shouldStop` says so (checked whenever a worker is idle).
    /// With `sample`, they take only that sample's job. `stopClaiming` is asked before every
    /// claim: once it says true, each worker finishes the job it has and returns (a server
    /// draining for shutdown).
    public func run(workers: Int, sample: UUID? = nil, pollInterval: Duration = .milliseconds(200),
                    stopClaiming: @escaping @Sendable () -> Bool = { false },
                    shouldStop: @escaping @Sendable () async -> Bool) async throws {
        try await library.queue.releaseDeadLeases()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, workers) {
                group.addTask {
                    while !Task.isCancelled && !stopClaiming() {
                        if try await runOne(sample: sample) { continue }
                        if await shouldStop() { return }
                        try await Task.sleep(for: pollInterval)
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Claims and runs one job (of `sample` only, when given); false when none was ready.
    @discardableResult
    public func runOne(sample: UUID? = nil) async throws -> Bool {
        let queue = library.queue
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
            let failure = (error as? SampleTokError) ?? SampleTokError(code: "job.failed", message: "\(error)")
            guard failure.code != "job.lease_lost" else { return true }
            let policy = RetryPolicy(maxAttempts: job.maxAttempts, baseDelay: library.configuration.retryBaseDelay)
            if RetryPolicy.isRetryable(failure) && job.attempts + 1 < job.maxAttempts {
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
        case InstagramMentionJob.kind: return InstagramMentionJob(library: library, queue: queue)
        case JobKind.stems.rawValue: return StemPipeline(library: library, queue: queue)
        default: return SamplePipeline(library: library, queue: queue)
        }
    }
}
