/// The steps of a sample job (kind `sample`), in order. The one decode pass of `process` also
/// analyses tempo, key and loudness, so there is no step of its own for that.
enum SampleStep: String, JobStep {
    case resolve, download, process, store, save

    /// What the jobs pane shows while the step runs.
    var activity: String {
        switch self {
        case .resolve: return "resolving the link"
        case .download: return "downloading the media"
        case .process: return "decoding, encoding and analysing"
        case .store: return "storing the files"
        case .save: return "saving the sample"
        }
    }
}
