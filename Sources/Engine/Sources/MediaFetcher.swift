import Foundation

/// Downloads media from a URL to a local file, reporting progress as a fraction 0–1.
protocol MediaFetcher: Sendable {
    func download(_ url: String, to path: String, progress: @escaping @Sendable (Double) -> Void) async throws
}
