import Foundation
import Model

/// Downloads direct media URLs. (Through the Net module's libcurl client.)
struct DirectURLFetcher: MediaFetcher {
    let configuration: EngineConfiguration

    func download(_ url: String, to path: String, progress: @escaping @Sendable (Double) -> Void) async throws {
        throw SampleTokError(code: "fetch.unavailable", message: "Downloading URLs is not available in this build yet.")
    }
}
