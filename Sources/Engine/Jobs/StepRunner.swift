import Foundation
import Analysis
import Model

/// Runs the steps of one claimed job in order, from its checkpoint: the one loop every
/// `JobHandler` uses. For each step whose result the state does not hold yet it writes the
/// step's name to the job row, lets the handler announce it (a progress event), times its work
/// into the step metrics, and checkpoints the state after it (all but the last step, which ends
/// the job in its own transaction). A lost lease stops the run with `job.lease_lost`.
struct StepRunner<Step: JobStep, State: JobState> {
    /// The job's id.
    let jobID: UUID
    /// Where the job's row is.
    let queue: JobQueue
    /// Where step durations go.
    let metrics: EngineMetrics
    /// Put before a step's name in the metrics (`stems.` for stem jobs), so kinds stay apart.
    var metricPrefix = ""

    /// Runs the steps from `state`: skips those `isDone` says are done (their result is in the
    /// state and what it names still exists), runs the others with `perform`, and returns how
    /// the run ended. Throws the first step's error.
    func run(_ state: inout State,
             isDone: (Step, State) -> Bool,
             announce: (Step) async throws -> Void = { _ in },
             perform: (Step, inout State) async throws -> StepEnd) async throws -> JobOutcome {
        let steps = Step.allCases
        for (index, step) in steps.enumerated() {
            if isDone(step, state) { continue }
            try await queue.progress(jobID, step: step.rawValue, fraction: 0)
            try await announce(step)
            let started = ProcessClock.wall()
            let end = try await perform(step, &state)
            metrics.recordStep(metricPrefix + step.rawValue, seconds: ProcessClock.wall() - started)
            switch end {
            case .waiting(let seconds):
                try await checkpoint(state, at: step)
                return .waiting(seconds: seconds)
            case .next:
                if index < steps.count - 1 { try await checkpoint(state, at: step) }
            }
        }
        return .finished
    }

    /// Saves `state` as the job's checkpoint at `step`, if this worker still holds the job.
    /// A step may call it itself, before an action that must not be repeated.
    func checkpoint(_ state: State, at step: Step) async throws {
        guard try await queue.checkpoint(jobID, encoded: state.encoded(), step: step.rawValue) else {
            throw SampleTokError(.jobLeaseLost, "Another worker took over this job.")
        }
    }
}
