import Media
import Model

extension SampleTokError {
    /// The same error as a `MediaError`, for the API and the jobs.
    init(_ error: MediaError) {
        self.init(code: error.code, message: error.message)
    }
}
