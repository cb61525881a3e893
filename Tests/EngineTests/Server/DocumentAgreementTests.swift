import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Model
import Testing

/// Where the server and its OpenAPI document once disagreed (schemathesis found each; the
/// fuzz run of `make test` keeps them agreeing): the requests below are answered as documented.
@Suite("HTTP API: the server does what its document says", .timeLimit(.minutes(5)))
struct DocumentAgreementTests {
    @Test("a method no route of a path takes is 405 with Allow; an unknown path stays 404")
    func methodNotAllowed() async throws {
        let f = try await ServerFixture()
        // The router's own client: a 405 is documented by the method's absence, not per route.
        try await Application(router: f.server.router()).test(.router) { client in
            for (path, method, allow) in [("/api/v1/samples", HTTPRequest.Method.trace, "GET, HEAD"),
                                          ("/api/v1/process/submit", .get, "POST"),
                                          ("/files/samples/x/audio.wav", .delete, "GET, HEAD")] {
                try await client.execute(uri: path, method: method) { response in
                    #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                    #expect(response.headers[.allow] == allow, "\(method) \(path)")
                    #expect(response.errorCode == "route.method_not_allowed")
                }
            }
            try await client.execute(uri: "/api/v1/nothing-here", method: .trace) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("include_done must be true or false; an empty value is refused as the document says")
    func includeDone() async throws {
        let f = try await ServerFixture()
        try await f.test { client in
            for (query, status) in [("include_done=", HTTPResponse.Status.badRequest), ("include_done=yes", .badRequest),
                                    ("include_done=true", .ok), ("", .ok)] {
                try await client.execute(uri: "/api/v1/jobs?\(query)", method: .get, headers: f.bearer) { response in
                    #expect(response.status == status, "\(query)")
                }
            }
        }
    }

    @Test("Last-Event-ID is the digits of an event id; anything else is 400")
    func lastEventID() async throws {
        let f = try await ServerFixture()
        let sample = try await f.completedSample()
        try await f.test { client in
            for (value, status) in [("abc", HTTPResponse.Status.badRequest), ("-1", .badRequest), ("1e3", .badRequest),
                                    ("", .badRequest), ("0", .ok), ("42", .ok)] {
                try await client.execute(uri: "/api/v1/samples/\(sample.id.uuidString)/events", method: .get,
                                         headers: [HTTPField.Name("Last-Event-ID")!: value]) { response in
                    #expect(response.status == status, "'\(value)'")
                }
            }
        }
    }

    @Test("query values are form-decoded: + is a space, %2B a plus; a scale alone filters by mode")
    func formDecodedQueries() async throws {
        let f = try await ServerFixture()
        let sample = try await f.completedSample()
        _ = try await f.library.library.samples.setOverrides(sample.id, SampleOverrides(key: MusicalKey(parsing: "B major")))
        try await f.test { client in
            for (query, total) in [("compatible_with=B+major", 1), ("key=B%20major", 1), ("key=B&scale=major", 1),
                                   ("scale=major", 1), ("scale=minor", 0), ("key=Bm&scale=major", 0)] {
                try await client.execute(uri: "/api/v1/samples?\(query)", method: .get) { response in
                    #expect(response.status == .ok, "\(query): \(response.text)")
                    #expect(response.json["total"] as? Int == total, "\(query)")
                }
            }
        }
    }
}
