import Foundation
import Model

/// What a submission points at, once resolved: where the media is and what is known about it.
struct SourceMedia: Codable, Sendable {
    /// A local file (local mode) or a URL to download.
    enum Location: Codable, Sendable {
        case file(String)
        case url(String)
    }

    var location: Location
    var platform: String
    var title: String?
    var description: String?
    var creator: String?
    var stats: SampleStats?
}
