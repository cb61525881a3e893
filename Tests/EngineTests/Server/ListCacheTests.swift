@testable import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Model
@testable import Server
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
            _ = try await other.samples.submit("http://example.com/third.wav")
            await other.close()
            #expect(try await Self.total(client) == 3)
            // A change of a field the filters read, in this process but outside the server.
            #expect(try await Self.total(client, "bpm_min=200&bpm_max=210") == 0)
            _ = try await f.library.library.samples.setOverrides(sample.id, SampleOverrides(bpm: 205))
            #expect(try await Self.total(client, "bpm_min=200&bpm_max=210") == 1)
        }
    }

    @Test("many requests for the same page at once run its query once, and share its failure without keeping it")
    func concurrentMissesShareOneQuery() async throws {
        let cache = ResponseCache<String>(capacity: 8)
        let stamp = LibraryStamp(changes: 1, version: 1)
        let callers = 32
        let counts = Locked((arrived: 0, made: 0))
        // The query does not answer before every caller has asked: without sharing, each caller
        // would run it.
        let make: @Sendable () async throws -> ByteBuffer = {
            counts.withLock { $0.made += 1 }
            while counts.withLock({ $0.arrived }) < callers { await Task.yield() }
            return ByteBuffer(string: "page")
        }
        let bodies = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<callers {
                group.addTask {
                    counts.withLock { $0.arrived += 1 }
                    return String(buffer: try await cache.body(for: "kick", at: stamp, make: make))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(bodies == Array(repeating: "page", count: callers))
        #expect(counts.withLock { $0.made } == 1)

        struct Refused: Error {}
        let next = LibraryStamp(changes: 2, version: 1)
        await #expect(throws: Refused.self) { try await cache.body(for: "kick", at: next) { throw Refused() } }
        // The failure is not kept: the next request asks again.
        #expect(String(buffer: try await cache.body(for: "kick", at: next) { ByteBuffer(string: "again") }) == "again")
    }
}
