import Foundation
import Net
import Testing

@Suite struct SendTests {
    let client = HTTPClient()

    @Test func getReturnsBodyAndHeaders() async throws {
        let url = try TestServer.url("/hello")
        let response = try await client.send(.get(url))
        #expect(response.status == 200)
        #expect(response.text == "hello, world")
        #expect(response.contentType == "text/plain; charset=utf-8")
        #expect(response.mimeType == "text/plain")
        #expect(response.contentLength == 12)
        #expect(response.headers["x-test"] == "yes")
        #expect(response.headers["X-MULTI"] == "one")
        #expect(response.headers.values(for: "x-multi") == ["one", "two"])
        #expect(response.url == url)
        #expect(response.receivedBytes == 12)
    }

    @Test func postSendsJSONBodyAndHeaders() async throws {
        let payload = Data(#"{"name":"loop","bpm":120}"#.utf8)
        let request = HTTPRequest.postJSON(try TestServer.url("/echo"), payload, headers: ["X-Token": "abc", "X-Empty": ""])
        let response = try await client.send(request)
        #expect(response.status == 200)
        let echo = try JSONDecoder().decode(Echo.self, from: response.body)
        #expect(echo.method == "POST")
        #expect(echo.body == #"{"name":"loop","bpm":120}"#)
        #expect(echo.headers["x-token"] == "abc")
        #expect(echo.headers["x-empty"] == "")
        #expect(echo.headers["content-type"] == "application/json")
        #expect(echo.headers["user-agent"] == "sampletok/0.1")
        #expect(echo.headers["expect"] == nil)
    }

    @Test func otherMethodsAndUserAgent() async throws {
        let url = try TestServer.url("/echo")
        let put = try await client.send(HTTPRequest(url: url, method: .put, body: Data("v=1".utf8), userAgent: "probe/2"))
        let echoedPut = try JSONDecoder().decode(Echo.self, from: put.body)
        #expect(echoedPut.method == "PUT")
        #expect(echoedPut.body == "v=1")
        #expect(echoedPut.headers["user-agent"] == "probe/2")

        let delete = try await client.send(HTTPRequest(url: url, method: .delete))
        #expect(try JSONDecoder().decode(Echo.self, from: delete.body).method == "DELETE")
    }

    @Test func headHasNoBody() async throws {
        let response = try await client.send(HTTPRequest(url: try TestServer.url("/bytes?n=5000"), method: .head,
                                                         maxResponseBytes: 10))
        #expect(response.status == 200)
        #expect(response.contentLength == 5000)
        #expect(response.body.isEmpty)
    }

    @Test func errorStatusesAreReturnedNotThrown() async throws {
        let notFound = try await client.send(.get(try TestServer.url("/status/404")))
        #expect(notFound.status == 404)
        #expect(notFound.text == "status 404")
        #expect(!notFound.isSuccess)
        let unavailable = try await client.send(.get(try TestServer.url("/status/503")))
        #expect(unavailable.status == 503)
    }

    @Test func rangeGetsPartialContent() async throws {
        let response = try await client.send(HTTPRequest(url: try TestServer.url("/bytes?n=1000"), range: ByteRange(10...19)))
        #expect(response.status == 206)
        #expect(response.body == pattern(10..<20))
        #expect(response.headers["Content-Range"] == "bytes 10-19/1000")

        let tail = try await client.send(HTTPRequest(url: try TestServer.url("/bytes?n=1000"), range: ByteRange(first: 990)))
        #expect(tail.status == 206)
        #expect(tail.body == pattern(990..<1000))
    }

    @Test func concurrentRequestsAllComplete() async throws {
        let url = try TestServer.url("/bytes?n=20000")
        let client = self.client
        let bodies = try await withThrowingTaskGroup(of: Data.self) { group in
            for _ in 0..<24 { group.addTask { try await client.send(.get(url)).body } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(bodies.count == 24)
        #expect(bodies.allSatisfy { $0 == pattern(0..<20000) })
    }

    @Test func connectionsAreReused() async throws {
        let url = try TestServer.url("/peer")
        let first = try await client.send(.get(url)).text
        let second = try await client.send(.get(url)).text
        #expect(!first.isEmpty)
        #expect(first == second)  // the same client port: one keep-alive connection
        let other = try await HTTPClient().send(.get(url)).text
        #expect(other != first)  // clients do not share connections
    }

    @Test func compressedBodiesAreDecoded() async throws {
        // The fixture does not compress; asking for it must still give the plain body.
        let response = try await client.send(HTTPRequest(url: try TestServer.url("/hello"), acceptCompressed: true))
        #expect(response.text == "hello, world")
    }
}
