import Foundation
import Model

/// One line of the jobs pane: a submission, a job of the pipeline or a stem job, followed live.
public struct JobRow: Sendable, Equatable {
    /// The sample it makes (nil while the submission is on its way), or splits for a stem job.
    public var sampleID: UUID?
    /// The stem job, for a row of one.
    public var stemJobID: UUID?
    /// What was submitted.
    public var source: String
    /// The step it is at.
    public var step: String
    /// The progress of the whole job, 0–1.
    public var progress: Double
    /// What is happening, or the error.
    public var message: String
    /// Where it is.
    public var state: State
    /// When it finished (for taking finished rows away after a while).
    public var finishedAt: Double?

    /// Creates a row.
    public init(sampleID: UUID?, stemJobID: UUID? = nil, source: String, step: String, progress: Double, message: String,
                state: State, finishedAt: Double? = nil) {
        self.sampleID = sampleID
        self.stemJobID = stemJobID
        self.source = source
        self.step = step
        self.progress = progress
        self.message = message
        self.state = state
        self.finishedAt = finishedAt
    }

    /// Whether the row follows `event` (a stem job's row its stem job's events, a sample's row its sample's).
    func follows(_ event: ProgressEvent) -> Bool {
        event.stemJobID.map { $0 == stemJobID } ?? (stemJobID == nil && sampleID == event.sampleID)
    }

    /// Where a job row is.
    public enum State: Sendable, Equatable {
        /// Submitted or running.
        case active
        /// The sample is in the library.
        case done
        /// It failed; the message says why.
        case failed
    }

    /// The pipeline's steps in order, to turn "step + fraction" into the progress of the job.
    static let steps = ["resolve", "download", "process", "store", "save"]
    /// A stem job's steps in order (docs/stems.md).
    static let stemSteps = ["separate", "process", "store", "save"]

    /// The progress of the whole job (a stem job with `stems`) for a step and a fraction within it.
    static func overall(step: String, fraction: Double, stems: Bool = false) -> Double {
        let steps = stems ? stemSteps : steps
        guard let index = steps.firstIndex(of: step) else { return step == "done" ? 1 : 0 }
        return (Double(index) + min(1, max(0, fraction))) / Double(steps.count)
    }
}
