import Foundation
import Model

/// One line of the jobs pane: a submission or a job of the pipeline, followed live.
public struct JobRow: Sendable, Equatable {
    /// The sample it makes (nil while the submission is on its way).
    public var sampleID: UUID?
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
    static let steps = ["resolve", "download", "process", "analyze", "store", "save", "cleanup"]

    /// The progress of the whole job for a step and a fraction within it.
    static func overall(step: String, fraction: Double) -> Double {
        guard let index = steps.firstIndex(of: step) else { return step == "done" ? 1 : 0 }
        return (Double(index) + min(1, max(0, fraction))) / Double(steps.count)
    }
}
