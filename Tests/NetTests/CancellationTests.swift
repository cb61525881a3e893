import Foundation
import Net
import TestSupport
import Testing

@Suite struct CancellationTests {
    let client = HTTPClient()

    @Test func cancellingASlowDownloadStopsItPromptly() async throws {
        let scratch = Scratch("net-cancel")
        let path = scratch.path("slow.bin")
        let url = try TestServer.url("/drip?n=10000000")  // 10 MB at 20 KiB/s: more than eight minutes
        let (started, signal) = AsyncStream<Void>.makeStream()
        let client = self.client
        let task = Task {
            try await client.download(.get(url), to: path) { progress in
                if progress.receivedBytes > 0 { signal.yield() }
            }
        }
        var iterator = started.makeAsyncIterator()
        _ = await iterator.next()  // bytes are flowing
        let cancelledAt = ContinuousClock.now
        task.cancel()
        let result = await task.result
        #expect(ContinuousClock.now - cancelledAt < .seconds(2))
        #expect(throws: NetError.cancelled(url)) { try result.get() }
        #expect(scratch.contents().isEmpty)
    }

    @Test func cancellingAQuietStreamStopsItAtOnce() async throws {
        // The server holds the response open and sends nothing: only a wakeup can end the transfer now.
        let id = UUID().uuidString
        let url = try TestServer.url("/chunks?id=\(id)")
        let (firstArrived, signal) = AsyncStream<Void>.makeStream()
        let client = self.client
        let task = Task {
            try await client.stream(HTTPRequest(url: url, timeout: nil)) { _ in signal.yield() }
        }
        var iterator = firstArrived.makeAsyncIterator()
        _ = await iterator.next()
        let cancelledAt = ContinuousClock.now
        task.cancel()
        let result = await task.result
        #expect(ContinuousClock.now - cancelledAt < .seconds(2))
        #expect(throws: NetError.cancelled(url)) { try result.get() }
        #expect(try await client.send(.get(try TestServer.url("/outcome?id=\(id)"))).text == "disconnected")
    }

    @Test func alreadyCancelledTaskDoesNotFetch() async throws {
        let url = try TestServer.url("/hello")
        let client = self.client
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.send(.get(url))
        }
        let result = await task.result
        if case .failure(let error as NetError) = result {
            #expect(error.code == "fetch.cancelled")
        } else {
            Issue.record("expected fetch.cancelled, got \(result)")
        }
    }
}
