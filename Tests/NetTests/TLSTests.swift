import Foundation
import Net
import TestSupport
import Testing

/// HTTPS against the fixture server with a certificate made for the test (no network needed).
@Suite struct TLSTests {
    let scratch = Scratch("net-tls")
    let server: FixtureServer
    let certificate: String

    init() throws {
        certificate = scratch.path("cert.pem")
        let key = scratch.path("key.pem")
        let made = try Command.run("openssl", [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", key, "-out", certificate, "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ])
        guard made.status == 0 else { throw ServerFailure(description: "openssl failed: \(made.stderr)") }
        server = try TestServer.make(arguments: ["--tls", certificate, key])
    }

    @Test func httpsWithATrustedCertificate() async throws {
        let client = HTTPClient(configuration: HTTPClientConfiguration(trustedCertificatesPath: certificate))
        let url = "https://127.0.0.1:\(server.port)/hello"
        let response = try await client.send(.get(url))
        #expect(response.status == 200)
        #expect(response.text == "hello, world")
        #expect(response.url == url)
    }

    @Test func untrustedCertificateFails() async throws {
        let error = await #expect(throws: NetError.self) {
            _ = try await HTTPClient().send(.get("https://127.0.0.1:\(server.port)/hello"))
        }
        #expect(error?.code == "fetch.failed")
        #expect(error?.message.contains("certificate") == true)
    }
}
