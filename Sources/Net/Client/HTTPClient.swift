import Foundation

/// SampleTok's one outbound HTTP client, over libcurl.
///
/// Every request of a client runs on one background thread that multiplexes them (libcurl's multi
/// interface), so connections are reused and nothing blocks a Swift concurrency thread. Create one
/// client per purpose (its ``HTTPClientConfiguration/addressPolicy`` applies to every connection it
/// makes) and share it. Cancelling the calling task aborts the transfer at once with `fetch.cancelled`.
/// Only `http` and `https` are ever fetched, also on redirects; no proxy is used.
public final class HTTPClient: Sendable {
    /// The settings every request of this client shares.
    public let configuration: HTTPClientConfiguration
    private let loop: CurlLoop?

    /// Creates a client and its transfer thread.
    public init(configuration: HTTPClientConfiguration = HTTPClientConfiguration()) {
        self.configuration = configuration
        loop = CurlLoop(name: "sampletok.net")
    }

    /// Creates a client with the default configuration but this address policy.
    public convenience init(addressPolicy: AddressPolicy) {
        self.init(configuration: HTTPClientConfiguration(addressPolicy: addressPolicy))
    }

    deinit { loop?.shutdown() }

    /// Sends `request` and returns the response with its body in memory.
    ///
    /// 4xx and 5xx responses are returned, not thrown. Throws ``NetError``: `fetch.too_large` when the
    /// body exceeds `request.maxResponseBytes` (default ``HTTPClientConfiguration/maxResponseBytes``),
    /// and the transport codes (`fetch.unreachable`, `fetch.timeout`, `link.forbidden`, …).
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await perform(request, sink: .memory,
                          limit: request.maxResponseBytes ?? configuration.maxResponseBytes,
                          requiresSuccess: false, progress: nil)
    }

    /// Downloads the body of `request` to the file at `path`.
    ///
    /// The body streams into a temporary file beside `path`, renamed over `path` only when complete;
    /// on any failure no file is left behind. A non-2xx status throws `fetch.http_status` (with the
    /// status); a body over `request.maxResponseBytes` (default ``HTTPClientConfiguration/maxDownloadBytes``)
    /// throws `fetch.too_large`, decided from `Content-Length` before any byte is written when the server
    /// announces it, else while streaming. `progress` is called on the transfer thread as bytes arrive
    /// and once at the end; keep it quick. The returned response has an empty `body`.
    public func download(_ request: HTTPRequest, to path: String,
                         progress: (@Sendable (TransferProgress) -> Void)? = nil) async throws -> HTTPResponse {
        let file = try DownloadFile(destination: path)
        do {
            let response = try await perform(request, sink: .file(file),
                                             limit: request.maxResponseBytes ?? configuration.maxDownloadBytes,
                                             requiresSuccess: true, progress: progress)
            try file.commit()
            return response
        } catch {
            file.discard()
            throw error
        }
    }

    /// Sends `request` and hands the body to `onChunk` piece by piece as it arrives (for long-lived
    /// responses such as Server-Sent Events); returns when the response ends.
    ///
    /// `onChunk` runs on the client's transfer thread: keep it quick (hand the data on, do not block).
    /// Bodies of any status are delivered; check the returned status. The body is unbounded unless
    /// `request.maxResponseBytes` is set; set `request.timeout` to nil for streams that stay open.
    public func stream(_ request: HTTPRequest, onChunk: @escaping @Sendable (Data) -> Void) async throws -> HTTPResponse {
        try await perform(request, sink: .chunks(onChunk), limit: request.maxResponseBytes,
                          requiresSuccess: false, progress: nil)
    }

    /// Sends `request` and returns as soon as the response head has arrived, with the body as an
    /// asynchronous sequence of chunks (for Server-Sent Events: check the status, then read).
    ///
    /// The body is unbounded unless `request.maxResponseBytes` is set. Leaving the body's iteration
    /// early, cancelling the reading task, or ``HTTPStreamResponse/cancel()`` aborts the transfer.
    public func openStream(_ request: HTTPRequest) async throws -> HTTPStreamResponse {
        let loop = try requireLoop(request)
        let (body, chunks) = AsyncThrowingStream<Data, Error>.makeStream()
        let transfer = try CurlTransfer(request: request, configuration: configuration,
                                        sink: .chunks { chunks.yield($0) }, limit: request.maxResponseBytes,
                                        requiresSuccess: false, progress: nil)
        let head = OnceContinuation<HTTPResponse>()
        transfer.onHead = { head.resume(with: .success($0)) }
        transfer.onComplete = { outcome in
            switch outcome {
            case .success(let response):
                var headOnly = response
                headOnly.body = Data()
                head.resume(with: .success(headOnly))
                chunks.finish()
            case .failure(let error):
                head.resume(with: .failure(error))
                chunks.finish(throwing: error)
            }
        }
        chunks.onTermination = { termination in
            if case .cancelled = termination { loop.cancel(transfer) }
        }
        let response = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                head.install(continuation)
                loop.submit(transfer)
            }
        } onCancel: {
            loop.cancel(transfer)
        }
        return HTTPStreamResponse(head: response, body: HTTPBodyStream(chunks: body) { loop.cancel(transfer) })
    }

    // MARK: - Plumbing

    private func requireLoop(_ request: HTTPRequest) throws -> CurlLoop {
        guard let loop else { throw NetError.failed(request.url, "libcurl could not be initialized") }
        return loop
    }

    private func perform(_ request: HTTPRequest, sink: CurlTransfer.Sink, limit: Int64?, requiresSuccess: Bool,
                         progress: (@Sendable (TransferProgress) -> Void)?) async throws -> HTTPResponse {
        let loop = try requireLoop(request)
        let transfer = try CurlTransfer(request: request, configuration: configuration, sink: sink,
                                        limit: limit, requiresSuccess: requiresSuccess, progress: progress)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, Error>) in
                transfer.onComplete = { continuation.resume(with: $0.mapError { $0 as Error }) }
                loop.submit(transfer)
            }
        } onCancel: {
            loop.cancel(transfer)
        }
    }
}
