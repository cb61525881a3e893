import Foundation

/// Downloads media from a URL to a local file, reporting progress as a fraction 0–1.
public protocol MediaFetcher: Sendable {
    /// Downloads `url` (sent with `headers`) to `path`.
    func download(_ url: String, headers: [String: String], to path: String,
                  progress: @escaping @Sendable (Double) -> Void) async throws
}
