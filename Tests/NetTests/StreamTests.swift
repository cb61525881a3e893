import Foundation
import Net
import Testing

/// The fixture's `/chunks` sends "first", then holds the response open until `/release` is called
/// (or 10 s pass, when it sends "timed-out"): the tests release it only after they received
/// "first", so they pass only if chunks arrive before the response ends.
@Suite(.timeLimit(.minutes(5))) struct StreamTests {
    let client = HTTPClient()

    @Test func streamDeliversChunksBeforeTheResponseEnds() async throws {
        let id = UUID().uuidString
        let url = try TestServer.url("/chunks?id=\(id)")
        let (firstArrived, signal) = AsyncStream<Void>.makeStream()
        let received = Collector<Data>()
        let client = self.client
        let streaming = Task {
            try await client.stream(HTTPRequest(url: url, timeout: .seconds(30))) { chunk in
                received.append(chunk)
                if String(decoding: received.all.reduce(Data(), +), as: UTF8.self).contains("first\n") { signal.yield() }
            }
        }
        var iterator = firstArrived.makeAsyncIterator()
        _ = await iterator.next()
        #expect(try await client.send(.get(try TestServer.url("/release?id=\(id)"))).status == 200)
        let response = try await streaming.value
        #expect(response.status == 200)
        #expect(response.contentType == "text/event-stream")
        #expect(response.body.isEmpty)
        #expect(String(decoding: received.all.reduce(Data(), +), as: UTF8.self) == "first\nreleased\n")
        #expect(try await client.send(.get(try TestServer.url("/outcome?id=\(id)"))).text == "released")
    }

    @Test func openStreamGivesTheHeadThenTheBody() async throws {
        let id = UUID().uuidString
        let stream = try await client.openStream(HTTPRequest(url: try TestServer.url("/chunks?id=\(id)"), timeout: nil))
        #expect(stream.head.status == 200)
        #expect(stream.head.headers["content-type"] == "text/event-stream")
        var text = ""
        var released = false
        for try await chunk in stream.body {
            text += String(decoding: chunk, as: UTF8.self)
            if text.contains("first\n") && !released {
                released = true
                _ = try await client.send(.get(try TestServer.url("/release?id=\(id)")))
            }
        }
        #expect(text == "first\nreleased\n")
    }

    @Test func openStreamReturnsErrorStatusesInTheHead() async throws {
        let stream = try await client.openStream(.get(try TestServer.url("/status/503")))
        #expect(stream.head.status == 503)
        var body = Data()
        for try await chunk in stream.body { body += chunk }
        #expect(String(decoding: body, as: UTF8.self) == "status 503")
    }

    @Test func openStreamThrowsTransportErrors() async throws {
        let error = await #expect(throws: NetError.self) { _ = try await client.openStream(.get("http://127.0.0.1:1/events")) }
        #expect(error?.code == "fetch.unreachable")
    }

    @Test func leavingAStreamEarlyAbortsIt() async throws {
        let id = UUID().uuidString
        let stream = try await client.openStream(HTTPRequest(url: try TestServer.url("/chunks?id=\(id)"), timeout: nil))
        for try await chunk in stream.body {
            #expect(String(decoding: chunk, as: UTF8.self) == "first\n")
            break
        }
        // The server saw the connection close while it was holding the response open.
        #expect(try await client.send(.get(try TestServer.url("/outcome?id=\(id)"))).text == "disconnected")
        #expect(try await client.send(.get(try TestServer.url("/hello"))).status == 200)
    }
}
