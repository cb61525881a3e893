import FluentKit
import Foundation
import Model

/// Whose job a follower follows: a sample's (its pipeline) or a stem job's.
public enum FollowedJob: Sendable, Hashable {
    /// The job of the sample with this id.
    case sample(UUID)
    /// The stem job with this id.
    case stemJob(UUID)
}

extension JobService {
    /// Follows the job of a sample or a stem job until it ends: its durable events (`ProgressLog`:
    /// each step, retry and outcome, whichever process or node runs the job) and, while this
    /// process runs it, the passing reports within a step. The stream ends after the final event:
    /// at once, with one final event, for one already completed or failed. It throws
    /// `sample.not_found` (`stem_job.not_found`) when it does not exist (or is deleted while followed).
    ///
    /// Durable events numbered at or below `lastSeen` are skipped (SSE `Last-Event-ID`): their
    /// numbers are kept in the database, so a follower that comes back, to a restarted process
    /// or another node, gets each later event once, with none missing. Passing reports carry
    /// sequence 0. Without `lastSeen`, the kept events of the current run are replayed from its
    /// first (a retried sample's earlier run is left out); for a run that has ended, only its
    /// final event (with its kept number).
    /// The CLI's `--watch`, the embedded client and the server's event stream all use this.
    public func follow(_ job: FollowedJob, after lastSeen: Int = 0,
                       pollInterval: Duration = .milliseconds(250)) -> AsyncThrowingStream<ProgressEvent, any Error> {
        let (samples, stems) = (self.samples, self.stems)
        switch job {
        case .sample(let id):
            return follow(subject: id, after: lastSeen, pollInterval: pollInterval, outcome: { sequence in
                let sample = try await samples.sample(id)
                guard sample.status == .completed || sample.status == .failed else { return nil }
                return ProgressEvent(final: sample, sequence: sequence)
            })
        case .stemJob(let id):
            return follow(subject: id, after: lastSeen, pollInterval: pollInterval, outcome: { sequence in
                let job = try await stems.stemJob(id)
                guard job.isFinal else { return nil }
                return ProgressEvent(final: job, sequence: sequence)
            })
        }
    }

    /// Follows the job of `subject` (a sample or a stem job): its kept events, read from the log
    /// on every poll and whenever this process records one, and the passing reports published
    /// here, until a final event; `outcome` (asked on every poll, with the next sequence number)
    /// gives the final event of a subject whose end was not kept (an older library, a database
    /// that refused the write).
    private func follow(subject id: UUID, after lastSeen: Int, pollInterval: Duration,
                outcome: @escaping @Sendable (Int) async throws -> ProgressEvent?) -> AsyncThrowingStream<ProgressEvent, any Error> {
        let (stream, output) = AsyncThrowingStream<ProgressEvent, any Error>.makeStream()
        // Subscribe before returning, so nothing published from now on is missed.
        let published = parts.events.subscribe(sample: id)
        let task = Task {
            do {
                try await self.follow(id, published: published, lastSeen: lastSeen, pollInterval: pollInterval,
                                      outcome: outcome, output: output)
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
        let log = parts.progressLog
        // One that comes back resumes after what it saw; a new follower gets the current run from
        // its first event, or only its outcome when it has ended.
        var sequence = lastSeen
        if lastSeen == 0 {
            sequence = try await log.currentRunStart(of: id)
            if let last = try await log.last(of: id) {
                if last.isFinal {
                    sequence = last.sequence - 1
                } else if let final = try await outcome(last.sequence + 1) {
                    // Ended, its outcome not kept yet (the row is written first): the outcome alone,
                    // as for any run that has ended, not its steps again.
                    output.yield(final)
                    return
                }
            }
        }
        /// Sends the kept events after `sequence`; true after the final one.
        func catchUp() async throws -> Bool {
            for event in try await log.events(of: id, after: sequence) {
                sequence = event.sequence
                output.yield(event)
                if event.isFinal { return true }
            }
            return false
        }
        for await input in inputs {
            try Task.checkCancellation()
            switch input {
            case .published(let event) where event.sequence == 0:
                // A passing report of a step this process runs; its step's event was sent before.
                if !event.isFinal { output.yield(event) }
            case .published(let event):
                guard event.sequence > sequence else { continue }
                if event.sequence == sequence + 1 {
                    sequence = event.sequence
                    output.yield(event)
                    if event.isFinal { return }
                } else if try await catchUp() {
                    return
                }
            case .poll:
                if try await catchUp() { return }
                if var final = try await outcome(sequence + 1) {
                    // Kept just now, after the read above: send the kept events first, and
                    // number the outcome after them (a step kept between the two reads).
                    if try await catchUp() { return }
                    final.sequence = sequence + 1
                    output.yield(final)
                    return
                }
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
}
