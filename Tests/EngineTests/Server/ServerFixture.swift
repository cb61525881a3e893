import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Model
import NIOCore
import Server
import TestSupport
import Testing

/// A library served in-process through the API's router, with one user (`ada`, 5 credits).
final class ServerFixture: @unchecked Sendable {
    let library: TestLibrary
    let server: APIServer
    let token: String
    /// The user of `token`.
    let user: User
    static let adminKey = "test-admin-key"

    init(adminKey: String? = ServerFixture.adminKey, publicBaseURL: String? = nil, maxBodyBytes: Int = 1 << 20,
         library: TestLibrary? = nil) async throws {
        if let library { self.library = library } else { self.library = try await TestLibrary() }
        var configuration = ServerConfiguration(environment: [:])
        configuration.adminKey = adminKey
        configuration.publicBaseURL = publicBaseURL
        configuration.maxBodyBytes = maxBodyBytes
        configuration.eventPollInterval = .milliseconds(50)
        configuration.openAPI = try OpenAPIFixture.document.get()
        server = APIServer(library: self.library.library, configuration: configuration)
        let ada = try await self.library.library.accounts.createUser(name: "ada", credits: 5)
        (token, user) = (ada.token, ada.user)
    }

    /// A completed sample made from a short tone (submitted by `user`, when given).
    func completedSample(_ name: String = "kick", by user: Principal? = nil) async throws -> Sample {
        let path = try library.tone("\(name).wav")
        let outcome = try await library.library.samples.submit(path, as: user)
        try await library.drain()
        return try await library.library.samples.sample(outcome.sample.id)
    }

    /// Runs `body` with a client of the router (no network). Every response is also checked
    /// against the OpenAPI document (`ConformingClient`).
    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: server.router())
        try await app.test(.router) { client in try await body(ConformingClient(client)) }
    }

    var bearer: HTTPFields { [.authorization: "Bearer \(token)"] }
    var admin: HTTPFields { [HTTPField.Name("X-Admin-Key")!: Self.adminKey] }
}

extension HTTPFields {
    /// These fields and a JSON content type.
    var json: HTTPFields {
        var fields = self
        fields[.contentType] = "application/json"
        return fields
    }
}

extension TestResponse {
    /// The body as JSON.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    /// The error code of an error body.
    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }

    /// The body as text.
    var text: String { String(buffer: body) }
}

/// A JSON body.
func jsonBody(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
