@testable import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Server
import Testing

@Suite("CORS for BACKEND_CORS_ORIGINS")
struct CORSTests {
    @Test("the origins variable takes a list or a JSON array")
    func parsesOrigins() {
        #expect(ServerConfiguration.origins("https://a.example, http://localhost:3000/") == ["https://a.example", "http://localhost:3000"])
        #expect(ServerConfiguration.origins(#"["https://a.example","https://b.example"]"#) == ["https://a.example", "https://b.example"])
        #expect(ServerConfiguration.origins("").isEmpty)
    }

    @Test("an allowed origin gets a preflight answer and the header on responses, errors included; others get none")
    func allowsOnlyListedOrigins() async throws {
        let t = try await TestLibrary()
        var configuration = ServerConfiguration(environment: ["BACKEND_CORS_ORIGINS": "https://app.example"])
        configuration.adminKey = nil
        let app = Application(router: APIServer(library: t.library, configuration: configuration).router())
        try await app.test(.router) { client in
            let client = ConformingClient(client)
            let preflight = try await client.execute(uri: "/api/v1/samples", method: .options,
                                                     headers: [.origin: "https://app.example", .accessControlRequestMethod: "GET"])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowOrigin] == "https://app.example")
            #expect(preflight.headers[.accessControlAllowMethods]?.contains("POST") == true)
            #expect(preflight.headers[.accessControlAllowHeaders]?.contains("Authorization") == true)

            let list = try await client.execute(uri: "/api/v1/samples", method: .get, headers: [.origin: "https://app.example"])
            #expect(list.status == .ok)
            #expect(list.headers[.accessControlAllowOrigin] == "https://app.example")
            let missing = try await client.execute(uri: "/api/v1/samples/ffffffff", method: .get, headers: [.origin: "https://app.example"])
            #expect(missing.status == .notFound)
            #expect(missing.headers[.accessControlAllowOrigin] == "https://app.example")

            let other = try await client.execute(uri: "/api/v1/samples", method: .get, headers: [.origin: "https://evil.example"])
            #expect(other.headers[.accessControlAllowOrigin] == nil)
        }
    }
}
