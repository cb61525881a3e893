import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Model
import Testing

@Suite("the sample list cache")
struct ListCacheTests {
    /// The total of `GET /api/v1/samples?<query>`.
    private static func total(_ client: some TestClientProtocol, _ query: String = "limit=20") async throws -> Int? {
        try await client.execute(uri: "/api/v1/samples?\(query)", method: .get) { response in
            #expect(response.status == .ok)
            return response.json["total"] as? Int
        }
    }

    @Test("a cached page is answered until the library changes: a write by this server, by another connection, an override")
    func pagesFollowEveryWrite() async throws {
        let f = try await ServerFixture()
        let sample = try await f.completedSample("kick loop")
        try await f.test { client in
            #expect(try await Self.total(client) == 1)
            #expect(try await Self.total(client) == 1)  // from the cache
            // A write through this server.
            try await client.execute(uri: "/api/v1/process/submit", method: .post, headers: f.bearer.json,
                                     body: jsonBody(#"{"url": "http://example.com/second.wav"}"#)) { #expect($0.status == .accepted) }
            #expect(try await Self.total(client) == 2)
            // A write by another process on the same library (another SQLite connection).
            let other = try await Library.open(f.library.library.configuration)
            _ = try await other.submit("http://example.com/third.wav")
            await other.close()
            #expect(try await Self.total(client) == 3)
            // A change of a field the filters read, in this process but outside the server.
            #expect(try await Self.total(client, "bpm_min=200&bpm_max=210") == 0)
            _ = try await f.library.library.setOverrides(sample.id.uuidString, SampleOverrides(bpm: 205))
            #expect(try await Self.total(client, "bpm_min=200&bpm_max=210") == 1)
        }
    }
}
