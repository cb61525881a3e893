import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Model
import Testing
import TestSupport

@Suite("HTTP API: jobs and retry")
struct JobRouteTests {
    @Test("GET /api/v1/jobs: a token is needed; the caller's unfinished jobs by default, finished ones with include_done=true; a bad flag is 400")
    func jobs() async throws {
        let f = try await ServerFixture()
        let done = try await f.completedSample("done", by: f.user.principal)
        let waiting = try await f.library.library.samples.submit(try f.library.tone("waiting.wav", frequency: 220), as: f.user.principal).sample
        try await f.test { client in
            try await client.execute(uri: "/api/v1/jobs", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.errorCode == "auth.missing_token")
            }
            try await client.execute(uri: "/api/v1/jobs", method: .get, headers: f.bearer) { response in
                #expect(response.status == .ok)
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(items.compactMap { ($0["sample_id"] as? String)?.lowercased() } == [waiting.id.uuidString.lowercased()])
                #expect(items.first?["status"] as? String == "queued")
                #expect(items.first?["max_attempts"] as? Int == 4)
            }
            try await client.execute(uri: "/api/v1/jobs?include_done=true", method: .get, headers: f.bearer) { response in
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(Set(items.compactMap { ($0["sample_id"] as? String)?.lowercased() })
                    == [waiting.id.uuidString.lowercased(), done.id.uuidString.lowercased()])
                #expect(items.last?["status"] as? String == "done", "newest first")
            }
            for bad in ["yes", "1", "%00"] {
                try await client.execute(uri: "/api/v1/jobs?include_done=\(bad)", method: .get, headers: f.bearer) { response in
                    #expect(response.status == .badRequest, "\(bad)")
                    #expect(response.errorCode == "request.invalid")
                }
            }
        }
    }

    @Test("GET /api/v1/jobs shows each user the jobs they submitted (through the API too); an admin sees everyone's")
    func jobsPerUser() async throws {
        let f = try await ServerFixture()
        let library = f.library.library
        let bob = try await library.accounts.createUser(name: "bob").token
        let admin = try await library.accounts.createUser(name: "root", isAdmin: true).token
        let local = try await library.samples.submit(try f.library.tone("local.wav")).sample
        try await f.test { client in
            func submit(_ url: String, as token: String) async throws -> String {
                try await client.execute(uri: "/api/v1/process/submit", method: .post,
                                         headers: HTTPFields([HTTPField(name: .authorization, value: "Bearer \(token)")]).json,
                                         body: jsonBody(#"{"url": "\#(url)"}"#)) { response in
                    #expect(response.status == .accepted)
                    return (response.json["sample_id"] as? String ?? "").lowercased()
                }
            }
            func jobs(as token: String) async throws -> Set<String> {
                try await client.execute(uri: "/api/v1/jobs", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                    #expect(response.status == .ok)
                    let items = response.json["items"] as? [[String: Any]] ?? []
                    return Set(items.compactMap { ($0["sample_id"] as? String)?.lowercased() })
                }
            }
            let adas = try await submit("http://example.com/loops/ada.wav", as: f.token)
            let bobs = try await submit("http://example.com/loops/bob.wav", as: bob)
            #expect(try await jobs(as: f.token) == [adas])
            #expect(try await jobs(as: bob) == [bobs])
            #expect(try await jobs(as: admin) == [adas, bobs, local.id.uuidString.lowercased()])
        }
    }

    @Test("DELETE /api/v1/samples/{id}: a token is needed; only the submitter (or an admin) deletes, and the sample is gone")
    func deleteSample() async throws {
        let f = try await ServerFixture()
        let mine = try await f.completedSample("mine", by: f.user.principal)
        let otherFile = try f.library.tone("other.wav", frequency: 330)
        let other = try await f.library.library.samples.submit(otherFile, as: f.user.principal).sample
        try await f.library.drain()
        let bob = try await f.library.library.accounts.createUser(name: "bob", credits: 0)
        let root = try await f.library.library.accounts.createUser(name: "root", credits: 0, isAdmin: true)
        try await f.test { client in
            let path = "/api/v1/samples/\(mine.id.uuidString)"
            try await client.execute(uri: path, method: .delete) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: path, method: .delete, headers: [.authorization: "Bearer \(bob.token)"]) { response in
                #expect(response.status == .forbidden)
                #expect(response.errorCode == "sample.forbidden")
            }
            try await client.execute(uri: path, method: .delete, headers: f.bearer) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/samples/\(other.id.uuidString)", method: .delete,
                                     headers: [.authorization: "Bearer \(root.token)"]) { response in
                #expect(response.status == .noContent)
            }
        }
    }

    @Test("POST /api/v1/samples/{id}/retry: a token is needed; only the submitter (or an admin) retries, only a failed sample; busy 409, unknown 404, malformed 400")
    func retry() async throws {
        let f = try await ServerFixture()
        let done = try await f.completedSample("again", by: f.user.principal)
        let bad = f.library.scratch.path("bad.wav")
        try Data("not audio".utf8).write(to: URL(fileURLWithPath: bad))
        let failed = try await f.library.library.samples.submit(bad, as: f.user.principal).sample
        try await f.library.drain()
        #expect(try await f.library.library.samples.sample(failed.id).status == .failed)
        let waiting = try await f.library.library.samples.submit(try f.library.tone("busy.wav", frequency: 220)).sample
        let bob = try await f.library.library.accounts.createUser(name: "bob", credits: 0)
        let root = try await f.library.library.accounts.createUser(name: "root", credits: 0, isAdmin: true)
        try await f.test { client in
            let path = "/api/v1/samples/\(failed.id.uuidString.prefix(8))/retry"
            try await client.execute(uri: path, method: .post) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: path, method: .post, headers: [.authorization: "Bearer nope"]) { response in
                #expect(response.errorCode == "auth.invalid_token")
            }
            // Someone else's sample: refused, and it stays failed.
            try await client.execute(uri: path, method: .post, headers: [.authorization: "Bearer \(bob.token)"]) { response in
                #expect(response.status == .forbidden)
                #expect(response.errorCode == "sample.forbidden")
            }
            try await client.execute(uri: path, method: .post, headers: f.bearer) { response in
                #expect(response.status == .ok)
                #expect((response.json["id"] as? String)?.lowercased() == failed.id.uuidString.lowercased())
                #expect(response.json["status"] as? String == "pending")
            }
            // A completed sample is not retried, by its submitter or an admin: it keeps serving its files.
            for headers in [f.bearer, [.authorization: "Bearer \(root.token)"] as HTTPFields] {
                try await client.execute(uri: "/api/v1/samples/\(done.id.uuidString)/retry", method: .post, headers: headers) { response in
                    #expect(response.status == .conflict)
                    #expect(response.errorCode == "sample.not_failed")
                }
            }
            try await client.execute(uri: "/api/v1/samples/\(waiting.id.uuidString)/retry", method: .post,
                                     headers: [.authorization: "Bearer \(root.token)"]) { response in
                #expect(response.status == .conflict)
                #expect(response.errorCode == "sample.busy")
            }
            try await client.execute(uri: "/api/v1/samples/\(UUID().uuidString)/retry", method: .post, headers: f.bearer) { response in
                #expect(response.status == .notFound)
                #expect(response.errorCode == "sample.not_found")
            }
            try await client.execute(uri: "/api/v1/samples/xyz/retry", method: .post, headers: f.bearer) { response in
                #expect(response.status == .badRequest)
            }
        }
        #expect(try await f.library.library.samples.sample(done.id).status == .completed)
    }
}
