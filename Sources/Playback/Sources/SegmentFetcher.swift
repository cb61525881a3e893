import Foundation
import Model
import Net

/// Fetches playlists and segments — from disk for `file:` URLs, through `Net` for http(s) —
/// and keeps the most recent ones in memory, so replay, seeks and the prefetched first segment
/// cost nothing.
///
/// A URL is fetched once at a time: asking for one that a prefetch (or another play) is
/// fetching already waits for that fetch instead of starting a second one, which on a busy
/// machine doubled the requests of a cold play and made its slowest tail (issue 22).
public final class SegmentFetcher: @unchecked Sendable {
    private let client: HTTPClient
    private let capacity: Int
    /// The cached pieces and their order of use, oldest first, and the fetches under way.
    private struct Cache {
        var pieces: [URL: Data] = [:]
        var order: [URL] = []
        var inFlight: [URL: PendingFetch] = [:]
    }
    private let cache = Locked(Cache())

    /// A fetcher keeping at most `capacity` pieces.
    public init(client: HTTPClient = HTTPClient(), capacity: Int = 64) {
        self.client = client
        self.capacity = capacity
    }

    /// The bytes at `url`: from the cache, from the fetch of it under way, or fetched now
    /// (blocking the calling thread).
    public func data(_ url: URL) throws(PlaybackError) -> Data {
        switch claim(url) {
        case .cached(let data): return data
        case .joined(let pending): return try pending.wait()
        case .mine(let pending):
            let result = Result { () throws(PlaybackError) in try fetch(url) }
            finish(url, pending, result)
            return try result.get()
        }
    }

    /// Fetches `url` into the cache in the background, if it is neither there nor on its way.
    /// No thread is made: an http(s) fetch runs on the client's transfer thread.
    public func prefetch(_ url: URL) {
        guard case .mine(let pending) = claim(url) else { return }
        if url.isFileURL {
            finish(url, pending, Result { () throws(PlaybackError) in try Self.read(url) })
            return
        }
        let client = self.client
        Task {
            let result = await Self.fetch(url, client: client)
            finish(url, pending, result)
        }
    }

    /// Forgets every cached piece (a fetch under way still completes).
    public func removeAll() {
        cache.withLock { cache in
            cache.pieces = [:]
            cache.order = []
        }
    }

    private enum Claim {
        case cached(Data)
        case joined(PendingFetch)
        case mine(PendingFetch)
    }

    /// The cached bytes, the fetch under way to wait for, or a new fetch the caller must make.
    private func claim(_ url: URL) -> Claim {
        cache.withLock { cache in
            if let data = cache.pieces[url] {
                cache.order.removeAll { $0 == url }
                cache.order.append(url)
                return .cached(data)
            }
            if let pending = cache.inFlight[url] { return .joined(pending) }
            let pending = PendingFetch()
            cache.inFlight[url] = pending
            return .mine(pending)
        }
    }

    /// Stores a fetch's bytes (a failure is not kept: the next ask tries again) and wakes who waits.
    private func finish(_ url: URL, _ pending: PendingFetch, _ result: Result<Data, PlaybackError>) {
        let capacity = self.capacity
        cache.withLock { cache in
            cache.inFlight.removeValue(forKey: url)
            guard case .success(let data) = result else { return }
            cache.pieces[url] = data
            cache.order.removeAll { $0 == url }
            cache.order.append(url)
            while cache.order.count > capacity { cache.pieces.removeValue(forKey: cache.order.removeFirst()) }
        }
        pending.complete(result)
    }

    private func fetch(_ url: URL) throws(PlaybackError) -> Data {
        if url.isFileURL { return try Self.read(url) }
        let box = Locked<Result<Data, PlaybackError>?>(nil)
        let semaphore = DispatchSemaphore(value: 0)
        let client = self.client
        Task {
            let result = await Self.fetch(url, client: client)
            box.withLock { $0 = result }
            semaphore.signal()
        }
        semaphore.wait()
        return try box.withLock { $0 }?.get() ?? Data()
    }

    private static func read(_ url: URL) throws(PlaybackError) -> Data {
        do { return try Data(contentsOf: url) } catch { throw .fetchFailed("\(url.path): \(error.localizedDescription)") }
    }

    private static func fetch(_ url: URL, client: HTTPClient) async -> Result<Data, PlaybackError> {
        do {
            var request = HTTPRequest.get(url.absoluteString)
            request.timeout = .seconds(20)
            let response = try await client.send(request)
            return response.isSuccess ? .success(response.body)
                : .failure(.fetchFailed("\(url.absoluteString) answered HTTP \(response.status)"))
        } catch {
            return .failure(.fetchFailed("\(url.absoluteString): \(error)"))
        }
    }
}

/// A fetch under way, which other askers of the same URL wait for.
private final class PendingFetch: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<Data, PlaybackError>?

    /// Hands the result to everyone waiting.
    func complete(_ result: Result<Data, PlaybackError>) {
        condition.lock()
        self.result = result
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until the fetch is done; its bytes or its failure.
    func wait() throws(PlaybackError) -> Data {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return try result?.get() ?? Data()
    }
}
