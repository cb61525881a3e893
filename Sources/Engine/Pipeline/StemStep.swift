/// The steps of a stem job (kind `stems`), in order (docs/stems.md).
enum StemStep: String, JobStep {
    case separate, process, store, save

    /// What the jobs pane shows while the step runs.
    var activity: String {
        switch self {
        case .separate: return "separating stems"
        case .process: return "encoding stems"
        case .store: return "storing stems"
        case .save: return "saving stems"
        }
    }
}
