import Engine
import Foundation
import Hummingbird
import HummingbirdTesting
import Model
import Testing
import TestSupport

/// `GET /api/v1/samples/{id}/similar`: the neighbours as the document says (every response is
/// checked against it), bad parameters 400, unknown 404, no descriptor 409.
@Suite("HTTP API: similar samples")
struct SimilarRouteTests {
    @Test("neighbours by aspect with file URLs, closest first; limit and filters; bad aspect or limit 400; unknown 404; pending 409")
    func similar() async throws {
        let f = try await ServerFixture()
        var made: [Sample] = []
        for (name, frequency) in [("kick", 110.0), ("snare", 440.0), ("hat", 1760.0)] {
            let path = try f.library.tone("\(name).wav", frequency: frequency)
            made.append(try await f.library.library.samples.submit(path).sample)
        }
        try await f.library.drain()
        let (kick, snare, hat) = (made[0], made[1], made[2])
        _ = try await f.library.library.samples.setOverrides(hat.id, SampleOverrides(bpm: 128))
        let pending = try await f.library.library.samples.submit("http://example.com/pending.wav").sample
        try await f.test { client in
            let id = kick.id.uuidString.lowercased()
            for aspect in ["timbre", "rhythm", "tonality", "all"] {
                try await client.execute(uri: "/api/v1/samples/\(id.prefix(8))/similar?aspect=\(aspect)", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.json["aspect"] as? String == aspect)
                    #expect(response.json["sample_id"] as? String == kick.id.uuidString)
                    let items = response.json["items"] as? [[String: Any]] ?? []
                    let ids = Set(items.compactMap { ($0["sample"] as? [String: Any])?["id"] as? String })
                    #expect(ids == [snare.id.uuidString, hat.id.uuidString])
                    let files = (items.first?["sample"] as? [String: Any])?["files"] as? [String: Any]
                    #expect(((files?["wav"] as? [String: Any])?["url"] as? String)?.hasPrefix("http://localhost/files/") == true)
                }
            }
            try await client.execute(uri: "/api/v1/samples/\(id)/similar?limit=1", method: .get) { response in
                #expect((response.json["items"] as? [Any])?.count == 1)
            }
            try await client.execute(uri: "/api/v1/samples/\(id)/similar?bpm_min=120&bpm_max=130", method: .get) { response in
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(items.compactMap { ($0["sample"] as? [String: Any])?["id"] as? String } == [hat.id.uuidString])
            }
            for bad in ["aspect=loud", "limit=0", "limit=101", "limit=x", "bpm_min=fast", "key=H"] {
                try await client.execute(uri: "/api/v1/samples/\(id)/similar?\(bad)", method: .get) { response in
                    #expect(response.status == .badRequest, "\(bad)")
                    #expect(response.errorCode == "request.invalid", "\(bad)")
                }
            }
            try await client.execute(uri: "/api/v1/samples/\(UUID().uuidString)/similar", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.errorCode == "sample.not_found")
            }
            try await client.execute(uri: "/api/v1/samples/\(pending.id.uuidString)/similar", method: .get) { response in
                #expect(response.status == .conflict)
                #expect(response.errorCode == "sample.no_descriptor")
            }
        }
    }
}
