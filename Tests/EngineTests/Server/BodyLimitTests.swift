import Engine
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

@Suite("request body limit over real HTTP")
struct BodyLimitTests {
    /// Sends a POST with a chunked body (no Content-Length) of `bytes` bytes to the server on
    /// `port`, from Python's http.client; returns the status line's code and the body.
    private static func postChunked(port: Int, path: String, token: String, bytes: Int) throws -> (Int, String) {
        let script = """
            import http.client, sys
            port, path, token, size = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
            body = b'{"url": "http://example.com/' + b'a' * max(0, size - 40) + b'.wav"}'
            chunks = (body[i:i + 4096] for i in range(0, len(body), 4096))
            connection = http.client.HTTPConnection('127.0.0.1', port, timeout=20)
            connection.request('POST', path, body=chunks, encode_chunked=True,
                               headers={'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json'})
            response = connection.getresponse()
            print(response.status)
            print(response.read().decode())
            """
        let result = try Command.run("python3", ["-c", script, String(port), path, token, String(bytes)])
        let lines = result.stdout.split(separator: "\n", maxSplits: 1).map(String.init)
        guard result.status == 0, let status = lines.first.flatMap({ Int($0) }) else {
            throw CommandFailure(description: "python3 http.client failed: \(result.stderr)")
        }
        return (status, lines.count > 1 ? lines[1] : "")
    }

    @Test("a chunked body over SAMPLETOK_MAX_BODY_BYTES is 413 request.too_large; one under it is read")
    func chunkedBodyOverTheLimit() async throws {
        let f = try await ServerFixture(maxBodyBytes: 4096)
        let app = Application(router: f.server.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let token = f.token
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let (status, body) = try Self.postChunked(port: port, path: "/api/v1/process/submit", token: token, bytes: 100_000)
            #expect(status == 413)
            #expect(body.contains("\"request.too_large\""), "\(body)")
            // Under the limit, chunked is read as usual (the URL is new: 202).
            let (small, answer) = try Self.postChunked(port: port, path: "/api/v1/process/submit", token: token, bytes: 200)
            #expect(small == 202, "\(answer)")
            // The server goes on serving.
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
        }
    }
}
