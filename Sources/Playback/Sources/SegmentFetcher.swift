import Foundation
import Model
import Net

/// Fetches playlists and segments — from disk for `file:` URLs, through `Net` for http(s) —
/// and keeps the most recent ones in memory, so replay, seeks and the prefetched first segment
/// cost nothing.
public final class SegmentFetcher: @unchecked Sendable {
    private let client: HTTPClient
    private let capacity: Int
    /// The cached pieces and their order of use, oldest first.
    private struct Cache {
        var pieces: [URL: Data] = [:]
        var order: [URL] = []
    }
    private let cache = Locked(Cache())

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
        cache.withLock { cache in
            guard let data = cache.pieces[url] else { return nil }
            cache.order.removeAll { $0 == url }
            cache.order.append(url)
            return data
        }
    }

    private func store(_ url: URL, _ data: Data) {
        let capacity = self.capacity
        cache.withLock { cache in
            cache.pieces[url] = data
            cache.order.removeAll { $0 == url }
            cache.order.append(url)
            while cache.order.count > capacity { cache.pieces.removeValue(forKey: cache.order.removeFirst()) }
        }
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
