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
        do {
            try await SamplePipeline(library: library, queue: queue).run(job)
            library.publish(job.sampleID, step: "done", fraction: 1, status: .completed, message: "ready")
        } catch {
            // Stopped from outside (a shutdown): not the job's fault. Its lease lapses or is
            // released, and a worker resumes it from its last checkpoint.
            if Task.isCancelled { return true }
            let failure = (error as? SampleTokError) ?? SampleTokError(code: "job.failed", message: "\(error)")
            guard failure.code != "job.lease_lost" else { return true }
            let policy = RetryPolicy(maxAttempts: job.maxAttempts, baseDelay: library.configuration.retryBaseDelay)
            if RetryPolicy.isRetryable(failure) && job.attempts + 1 < job.maxAttempts {
                let delay = policy.delay(afterAttempt: job.attempts + 1)
                try await queue.scheduleRetry(job, error: failure, delay: delay)
                library.publish(job.sampleID, step: "retrying", fraction: 0, status: .processing,
                                message: String(format: "try %d of %d failed; retrying in %.0f s", job.attempts, job.maxAttempts, delay),
                                error: failure)
            } else {
                try await library.saveFailed(job: job, error: failure)
                library.publish(job.sampleID, step: "failed", fraction: 1, status: .failed, message: failure.message, error: failure)
            }
        }
        return true
    }
}
