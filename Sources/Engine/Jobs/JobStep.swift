/// The steps of one kind of job, in the order they run. The last one ends the job in its own
/// transaction, so nothing is checkpointed after it. The raw value is the step's name in the job
/// row, the progress events and the metrics.
protocol JobStep: RawRepresentable, CaseIterable, Sendable where RawValue == String, AllCases == [Self] {
    /// What the jobs pane shows while the step runs.
    var activity: String { get }
}

/// How one step's work ended.
enum StepEnd: Sendable, Equatable {
    /// Its result is in the state: go on to the next step.
    case next
    /// It waits for something else (another job): run the job again after this many seconds,
    /// from this step, without counting a try.
    case waiting(seconds: Double)
}
