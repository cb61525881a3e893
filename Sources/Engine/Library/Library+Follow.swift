import FluentKit
import Foundation
import Model

extension Library {
    /// Follows a sample's job until it ends: the events this process's workers publish for it,
    /// and, for a job another process runs, what its row says (an event whenever its step,
    /// progress or status changes). The stream ends after the final event: at once, with one
    /// final event, for a sample already completed or failed. It throws `sample.not_found` when
    /// the sample does not exist (or is deleted while followed).
    ///
    /// Events numbered at or below `lastSeen` are skipped (SSE `Last-Event-ID`); events read from
    /// a row carry the number of the last event sent (they are no event of this process, so
    /// they get no number of their own).
    /// The CLI's `--watch`, the embedded client and the server's event stream all use this.
    public func follow(sample id: UUID, after lastSeen: Int = 0,
                       pollInterval: Duration = .milliseconds(250)) -> AsyncThrowingStream<ProgressEvent, any Error> {
        follow(subject: id, after: lastSeen, pollInterval: pollInterval, outcome: { sequence in
            let sample = try await self.sample(id.uuidString)
            guard sample.status == .completed || sample.status == .failed else { return nil }
            return ProgressEvent(final: sample, sequence: sequence)
        }, row: {
            try await JobModel.query(on: self.db).filter(\.$sampleID == id).filter(\.$kind == JobKind.sample.rawValue)
                .sort(\.$createdAt, .descending).first()
        }, event: { ProgressEvent(row: $0, sequence: $1) })
    }

    /// Follows the job of `subject` (a sample or a stem job): the events published for it here,
    /// and what its job's `row` says while another process runs it (as `event`s), until
    /// `outcome` gives the final event (it is asked on every poll, with the next sequence number).
    func follow(subject id: UUID, after lastSeen: Int, pollInterval: Duration,
                outcome: @escaping @Sendable (Int) async throws -> ProgressEvent?,
                row: @escaping @Sendable () async throws -> JobModel?,
                event: @escaping @Sendable (JobInfo, Int) -> ProgressEvent) -> AsyncThrowingStream<ProgressEvent, any Error> {
        let (stream, output) = AsyncThrowingStream<ProgressEvent, any Error>.makeStream()
        // Subscribe before returning, so nothing published from now on is missed.
        let published = events.subscribe(sample: id)
        let task = Task {
            do {
                try await self.follow(id, published: published, lastSeen: lastSeen, pollInterval: pollInterval,
                                      outcome: outcome, row: row, event: event, output: output)
                output.finish()
            } catch {
                output.finish(throwing: error)
            }
        }
        output.onTermination = { _ in task.cancel() }
        return stream
    }

    private enum FollowInput: Sendable {
        case published(ProgressEvent)
        case poll
    }

    private func follow(_ id: UUID, published: AsyncStream<ProgressEvent>, lastSeen: Int, pollInterval: Duration,
                        outcome: @Sendable (Int) async throws -> ProgressEvent?,
                        row: @Sendable () async throws -> JobModel?,
                        event makeEvent: @Sendable (JobInfo, Int) -> ProgressEvent,
                        output: AsyncThrowingStream<ProgressEvent, any Error>.Continuation) async throws {
        let (inputs, feed) = AsyncStream<FollowInput>.makeStream()
        let forward = Task {
            for await event in published { feed.yield(.published(event)) }
        }
        let ticker = Task {
            while !Task.isCancelled {
                feed.yield(.poll)
                do { try await Task.sleep(for: pollInterval) } catch { return }
            }
        }
        defer {
            forward.cancel()
            ticker.cancel()
            feed.finish()
        }
        var sequence = lastSeen
        var heard = false
        var lastRow: JobInfo?
        for await input in inputs {
            try Task.checkCancellation()
            switch input {
            case .published(let event):
                heard = true
                guard event.sequence > sequence else { continue }
                sequence = event.sequence
                output.yield(event)
                if event.isFinal { return }
            case .poll:
                if let final = try await outcome(max(events.lastSequence(of: id), sequence) + 1) {
                    output.yield(final)
                    return
                }
                // This process's workers speak for themselves; the row is for a job run elsewhere.
                guard let model = try await row(), let job = model.info else { continue }
                let runsHere = model.leaseOwner == LeaseOwner.current.description
                guard (job.status == .running && !runsHere) || (job.status == .retrying && !heard) else { continue }
                if let lastRow, lastRow.step == job.step, lastRow.progress == job.progress, lastRow.status == job.status { continue }
                lastRow = job
                output.yield(makeEvent(job, sequence))
            }
        }
    }
}

extension ProgressEvent {
    /// The one final event of a sample that is completed or failed.
    init(final sample: Sample, sequence: Int) {
        self.init(sampleID: sample.id, step: sample.status == .completed ? "done" : "failed", fraction: 1,
                  message: sample.status == .completed ? "ready" : (sample.error?.message ?? "failed"),
                  status: sample.status, error: sample.error, sequence: sequence)
    }

    /// What a job's row says about it (a job run by another process).
    init(row job: JobInfo, sequence: Int) {
        let retrying = job.status == .retrying
        let step = job.step ?? "queued"
        self.init(sampleID: job.sampleID, step: retrying ? "retrying" : step, fraction: retrying ? 0 : job.progress,
                  message: retrying ? "retrying: \(job.lastError?.message ?? "")" : (PipelineStep(rawValue: step)?.activity ?? step),
                  status: .processing, error: retrying ? job.lastError : nil, sequence: sequence)
    }
}
