import Foundation
import Net

/// Fetches playlists and segments — from disk for `file:` URLs, through `Net` for http(s) —
/// and keeps the most recent ones in memory, so replay, seeks and the prefetched first segment
/// cost nothing.
public final class SegmentFetcher: @unchecked Sendable {
    private let client: HTTPClient
    private let capacity: Int
    private let lock = NSLock()
    private var cache: [URL: Data] = [:]
    private var order: [URL] = []

    /// A fetcher keeping at most `capacity` pieces.
    public init(client: HTTPClient = HTTPClient(), capacity: Int = 64) {
        self.client = client
        self.capacity = capacity
    }

    /// The bytes at `url`, from the cache or fetched now (blocking the calling thread).
    public func data(_ url: URL) throws(PlaybackError) -> Data {
        if let hit = cached(url) { return hit }
        let data = try fetch(url)
        store(url, data)
        return data
    }

    /// Fetches `url` into the cache in the background, if it is not there yet.
    public func prefetch(_ url: URL) {
        guard cached(url) == nil else { return }
        Thread.detachNewThread { [self] in _ = try? data(url) }
    }

    private func cached(_ url: URL) -> Data? {
        lock.lock()
        defer { lock.unlock() }
        guard let data = cache[url] else { return nil }
        order.removeAll { $0 == url }
        order.append(url)
        return data
    }

    private func store(_ url: URL, _ data: Data) {
        lock.lock()
        defer { lock.unlock() }
        cache[url] = data
        order.removeAll { $0 == url }
        order.append(url)
        while order.count > capacity { cache.removeValue(forKey: order.removeFirst()) }
    }

    private func fetch(_ url: URL) throws(PlaybackError) -> Data {
        if url.isFileURL {
            do { return try Data(contentsOf: url) } catch { throw .fetchFailed("\(url.path): \(error.localizedDescription)") }
        }
        let box = ResultBox()
        let semaphore = DispatchSemaphore(value: 0)
        let client = self.client
        Task {
            do {
                var request = HTTPRequest.get(url.absoluteString)
                request.timeout = .seconds(20)
                let response = try await client.send(request)
                box.result = response.isSuccess ? .success(response.body)
                    : .failure(.fetchFailed("\(url.absoluteString) answered HTTP \(response.status)"))
            } catch {
                box.result = .failure(.fetchFailed("\(url.absoluteString): \(error)"))
            }
            semaphore.signal()
        }
        semaphore.wait()
        return try box.result?.get() ?? Data()
    }
}

private final class ResultBox: @unchecked Sendable {
    var result: Result<Data, PlaybackError>?
}
