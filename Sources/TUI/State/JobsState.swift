import Foundation
import Model

/// The jobs pane: a row per job in flight (or just finished), the jobs whose events are
/// followed, and when the pipeline's jobs were last asked for.
public struct JobsState: Sendable {
    /// How long a finished job stays in the pane.
    static let finishedSeconds = 10.0
    /// How often the pipeline's jobs are asked for again (so jobs submitted elsewhere show up).
    static let interval = 5.0

    /// The rows, newest first.
    public var rows: [JobRow] = []
    /// Samples (and stem jobs) whose events are followed.
    public var watched: Set<UUID> = []
    /// When the pipeline's jobs were last asked for.
    public var loadedAt: Double = 0

    /// The row of a submission not answered yet.
    private func submitting(_ source: String) -> Int? {
        rows.firstIndex { $0.sampleID == nil && $0.source == source && $0.state == .active }
    }

    /// A URL or path is being submitted.
    mutating func submit(_ source: String) {
        rows.insert(JobRow(sampleID: nil, source: source, step: "submit", progress: 0, message: "submitting…", state: .active), at: 0)
    }

    /// A submission was refused at `now`.
    mutating func submitFailed(_ source: String, message: String, at now: Double) {
        guard let index = submitting(source) else { return }
        rows[index].state = .failed
        rows[index].message = message
        rows[index].finishedAt = now
    }

    /// A folder was imported at `now`: its row ends saying how many media files it held
    /// (failed when none), as each new file has a row of its own.
    mutating func folderImported(_ source: String, found: Int, added: Int, at now: Double) {
        guard let index = submitting(source) else { return }
        rows[index].state = found == 0 ? .failed : .done
        rows[index].step = found == 0 ? "import" : "done"
        rows[index].progress = found == 0 ? 0 : 1
        rows[index].message = found == 0 ? "no audio or video file in it" : "\(found) file\(found == 1 ? "" : "s") found, \(added) new"
        rows[index].finishedAt = now
    }

    /// A submission was answered with a sample that is already done: its row goes.
    mutating func alreadyDone(_ source: String) {
        if let index = submitting(source) { rows.remove(at: index) }
    }

    /// A submission was accepted: its row waits for a worker (a new row when it has none).
    mutating func submitted(_ source: String, sample: UUID) {
        if let index = submitting(source) {
            rows[index].sampleID = sample
            rows[index].step = "queued"
            rows[index].message = "waiting for a worker"
        } else if !rows.contains(where: { $0.sampleID == sample && $0.stemJobID == nil }) {
            rows.insert(JobRow(sampleID: sample, source: source, step: "queued", progress: 0, message: "waiting for a worker",
                               state: .active), at: 0)
        }
    }

    /// A stem job was accepted: its row waits for a worker.
    mutating func stemsRequested(_ job: StemJob, source: String) {
        guard !rows.contains(where: { $0.stemJobID == job.id }) else { return }
        rows.insert(JobRow(sampleID: job.sampleID, stemJobID: job.id, source: source, step: "queued",
                           progress: 0, message: "waiting for a worker", state: .active), at: 0)
    }

    /// Follows a sample's (or, with `stems`, a stem job's) events unless they are followed already.
    mutating func watch(_ subject: UUID, stems: Bool = false) -> [Effect] {
        guard watched.insert(subject).inserted else { return [] }
        return [stems ? .watchStems(subject) : .watch(subject)]
    }

    /// A step of a followed job at `now`: its row moves on; returns the row, nil when no row
    /// follows the job. Its last event ends the following.
    mutating func progress(_ event: ProgressEvent, at now: Double) -> JobRow? {
        let isStemJob = event.stemJobID != nil
        guard let index = rows.firstIndex(where: { $0.follows(event) }) else { return nil }
        var row = rows[index]
        row.step = event.step
        row.message = event.error.map(\.shown) ?? event.message
        switch event.status {
        case .completed:
            row.state = .done
            row.progress = 1
            row.step = "done"
            row.message = isStemJob ? "stems ready under the sample" : "in the library"
            row.finishedAt = now
        case .failed:
            row.state = .failed
            row.finishedAt = now
        case .pending, .processing:
            row.state = .active
            row.progress = max(row.progress, JobRow.overall(step: event.step, fraction: event.fraction, stems: isStemJob))
        }
        rows[index] = row
        if event.isFinal { watched.remove(event.subject) }
        return row
    }

    /// The pipeline's jobs: a row for each unfinished one not shown yet, and its events followed.
    mutating func loaded(_ infos: [JobInfo]) -> [Effect] {
        var effects: [Effect] = []
        for info in infos where info.status != .done && info.status != .failed {
            let isStemJob = info.kind == .stems
            let stemJobID = isStemJob ? info.id : nil
            if !rows.contains(where: { $0.stemJobID == stemJobID && $0.sampleID == info.sampleID }) {
                rows.append(JobRow(sampleID: info.sampleID, stemJobID: stemJobID, source: info.source,
                                   step: info.step ?? info.status.rawValue,
                                   progress: JobRow.overall(step: info.step ?? "", fraction: info.progress, stems: isStemJob),
                                   message: info.lastError.map { "retrying: \($0.message)" } ?? info.status.rawValue,
                                   state: .active))
            }
            effects += watch(stemJobID ?? info.sampleID, stems: isStemJob)
        }
        return effects
    }

    /// Whether the pipeline's jobs are due to be asked for again at `now` (then they are).
    mutating func isDue(at now: Double) -> Bool {
        guard now - loadedAt >= Self.interval else { return false }
        loadedAt = now
        return true
    }

    /// Drops the rows finished long enough before `now`.
    mutating func prune(at now: Double) {
        rows.removeAll { row in
            guard row.state == .done, let finished = row.finishedAt else { return false }
            return now - finished >= Self.finishedSeconds
        }
    }

    /// `r`: the rows of finished jobs go, and the jobs are asked for from `now`.
    mutating func refresh(at now: Double) {
        rows.removeAll { $0.state != .active }
        loadedAt = now
    }
}
