/// The steps of a sample job, in order.
enum PipelineStep: String, CaseIterable, Sendable {
    case resolve, download, process, analyze, store, save, cleanup

    /// What the jobs pane shows while the step runs.
    var activity: String {
        switch self {
        case .resolve: return "resolving the link"
        case .download: return "downloading the media"
        case .process: return "decoding and encoding WAV, MP3, HLS"
        case .analyze: return "analysing tempo and key"
        case .store: return "storing the files"
        case .save: return "saving the sample"
        case .cleanup: return "cleaning up"
        }
    }
}
