import Foundation
import Net
import Testing

@Suite struct FailureTests {
    let client = HTTPClient()

    @Test func slowServerTimesOut() async throws {
        let error = await #expect(throws: NetError.self) {
            _ = try await client.send(HTTPRequest(url: try TestServer.url("/sleep?seconds=10"), timeout: .milliseconds(400)))
        }
        #expect(error?.code == "fetch.timeout")
    }

    @Test func idleTimeoutEndsAStalledStream() async throws {
        let error = await #expect(throws: NetError.self) {
            _ = try await client.send(HTTPRequest(url: try TestServer.url("/sleep?seconds=10"), timeout: nil,
                                                  idleTimeout: .seconds(1)))
        }
        #expect(error?.code == "fetch.timeout")
    }

    @Test func bodyOverTheLimitByContentLength() async throws {
        let error = await #expect(throws: NetError.self) {
            _ = try await client.send(HTTPRequest(url: try TestServer.url("/bytes?n=100000"), maxResponseBytes: 1000))
        }
        #expect(error?.code == "fetch.too_large")
        #expect(error?.message.contains("announces 100000 bytes") == true)
    }

    @Test func bodyOverTheLimitWhileStreaming() async throws {
        let error = await #expect(throws: NetError.self) {
            _ = try await client.send(HTTPRequest(url: try TestServer.url("/bytes?n=300000&close=1"), maxResponseBytes: 100_000))
        }
        #expect(error?.code == "fetch.too_large")
        #expect(error?.message.contains("sent more than that") == true)
        // The same body within the limit arrives whole.
        let whole = try await client.send(HTTPRequest(url: try TestServer.url("/bytes?n=300000&close=1"), maxResponseBytes: 300_000))
        #expect(whole.body == pattern(0..<300_000))
        #expect(whole.contentLength == nil)
    }

    @Test func clientDefaultLimitApplies() async throws {
        let small = HTTPClient(configuration: HTTPClientConfiguration(maxResponseBytes: 500))
        let error = await #expect(throws: NetError.self) {
            _ = try await small.send(.get(try TestServer.url("/bytes?n=501&close=1")))
        }
        #expect(error?.code == "fetch.too_large")
        #expect(try await small.send(.get(try TestServer.url("/bytes?n=500"))).body.count == 500)
    }

    @Test func refusedConnectionIsUnreachable() async throws {
        let error = await #expect(throws: NetError.self) {
            _ = try await client.send(.get("http://127.0.0.1:1/"))
        }
        #expect(error?.code == "fetch.unreachable")
    }

    @Test func unknownHostIsUnreachable() async throws {
        // `.invalid` never resolves (RFC 6761).
        let error = await #expect(throws: NetError.self) {
            _ = try await client.send(HTTPRequest(url: "http://sampletok-test.invalid/", connectTimeout: .seconds(20)))
        }
        #expect(error?.code == "fetch.unreachable")
    }

    @Test(arguments: ["file:///etc/passwd", "ftp://example.com/file", "gopher://example.com/", "dict://example.com/x"])
    func nonHTTPSchemesAreUnsupported(_ url: String) async throws {
        let error = await #expect(throws: NetError.self) { _ = try await client.send(.get(url)) }
        #expect(error?.code == "link.unsupported")
    }

    @Test(arguments: ["", "not a url", "example.com/path", "http://", "https:///path"])
    func malformedURLsAreInvalid(_ url: String) async throws {
        let error = await #expect(throws: NetError.self) { _ = try await client.send(.get(url)) }
        #expect(error?.code == "fetch.invalid_url")
    }

    @Test func headerInjectionIsRefused() async throws {
        let url = try TestServer.url("/echo")
        let badValue = await #expect(throws: NetError.self) {
            _ = try await client.send(HTTPRequest(url: url, headers: ["X-A": "b\r\nX-Injected: 1"]))
        }
        #expect(badValue?.code == "fetch.invalid_request")
        let badName = await #expect(throws: NetError.self) {
            _ = try await client.send(HTTPRequest(url: url, headers: ["X A:": "b"]))
        }
        #expect(badName?.code == "fetch.invalid_request")
        let badRange = await #expect(throws: NetError.self) {
            _ = try await client.send(HTTPRequest(url: url, range: ByteRange(first: 10, last: 5)))
        }
        #expect(badRange?.code == "fetch.invalid_request")
    }
}
