import Client
import Engine
import Foundation
import Model
import Net
import Testing
import TestSupport

/// What only a client over HTTP meets: tokens, servers that are down, streams that drop,
/// servers that answer nonsense.
@Suite("RemoteClient: tokens, a server that is down, dropped event streams, bad answers", .serialized, .timeLimit(.minutes(3)))
struct RemoteClientTests {
    static var fakeAPIScript: String {
        FixtureServer.script(named: "fake_api.py")
    }

    /// The code of the `SampleTokError` `body` throws.
    func code(_ body: () async throws -> Void) async -> String? {
        do {
            try await body()
            return nil
        } catch let error as SampleTokError {
            return error.code
        } catch {
            return "not a SampleTokError: \(error)"
        }
    }

    @Test("a bad token is auth.invalid_token and no token auth.missing_token, on every route that needs one")
    func badToken() async throws {
        try await ClientFixture.with(.remote) { f in
            let server = try #require(URL(string: f.client.location))
            for token in ["not-a-token", String(repeating: "0", count: 64)] {
                let client = try RemoteClient(baseURL: server.absoluteString, token: token)
                #expect(await code { _ = try await client.me() } == "auth.invalid_token")
                #expect(await code { _ = try await client.jobs(includeDone: true) } == "auth.invalid_token")
                #expect(await code { _ = try await client.submit(f.media.url("/files/tone.wav")) } == "auth.invalid_token")
                // Reading needs no token.
                #expect(try await client.list(SampleQuery()).total == 3)
            }
            let anonymous = try RemoteClient(baseURL: server.absoluteString)
            #expect(await code { _ = try await anonymous.me() } == "auth.missing_token")
            let kick = try await f.sample(titled: "kick loop")
            #expect(await code { _ = try await anonymous.export(kick.id.uuidString, format: .wav, to: f.scratch.url) } == "auth.missing_token")
        }
    }

    @Test("a server that is down: remote.unreachable naming its URL, for calls and for event streams")
    func serverDown() async throws {
        // Nothing listens on port 1.
        let client = try RemoteClient(baseURL: "http://127.0.0.1:1", token: "t")
        do {
            _ = try await client.list(SampleQuery())
            Issue.record("a call to a closed port succeeded")
        } catch let error as SampleTokError {
            #expect(error.code == "remote.unreachable")
            #expect(error.message.contains("http://127.0.0.1:1"))
        }
        #expect(await code { _ = try await client.me() } == "remote.unreachable")
        // An event stream tries again, then says it gave up, and on what.
        let patient = try RemoteClient(baseURL: "http://127.0.0.1:1", token: "t", reconnectDelays: [.milliseconds(10), .milliseconds(10)])
        do {
            for try await _ in patient.events(of: UUID()) {}
            Issue.record("an event stream from a closed port succeeded")
        } catch let error as SampleTokError {
            #expect(error.code == "remote.unreachable")
            #expect(error.message.contains("2 attempts to reconnect failed") && error.message.contains("http://127.0.0.1:1"), "\(error.message)")
        }
    }

    @Test("addresses that are not a server's are refused before any request")
    func invalidBaseURL() async throws {
        for bad in ["", "localhost:8000", "ftp://host", "file:///tmp", "http://", "http://host/?q=1", "not a url"] {
            #expect(throws: SampleTokError.self, "\(bad)") { _ = try RemoteClient(baseURL: bad) }
        }
        #expect(try RemoteClient(baseURL: "http://host:8000/").location == "http://host:8000")
    }

    @Test("an event stream that drops midway is opened again with Last-Event-ID; no event is seen twice")
    func reconnect() async throws {
        let fake = try FixtureServer(script: Self.fakeAPIScript)
        let client = try RemoteClient(baseURL: fake.url(""))
        let id = try #require(UUID(uuidString: "00000000-0000-0000-0000-00000000d209"))
        var events: [ProgressEvent] = []
        for try await event in client.events(of: id) { events.append(event) }
        #expect(events.map(\.sequence) == [1, 2, 3, 4])
        #expect(events.last?.status == .completed)
        let seen = try await HTTPClient().send(.get(fake.url("/seen")))
        #expect(try JSONDecoder().decode([String?].self, from: seen.body) == [nil, "2"])
    }

    @Test("answers that are not the API's JSON are remote.bad_response, not a crash")
    func badAnswers() async throws {
        let fake = try FixtureServer(script: Self.fakeAPIScript)
        let client = try RemoteClient(baseURL: fake.url(""), token: "t")
        #expect(await code { _ = try await client.list(SampleQuery()) } == "remote.bad_response")
        #expect(await code { _ = try await client.sample(UUID().uuidString) } == "remote.bad_response")
        #expect(await code { _ = try await client.me() } == "remote.bad_response")
        #expect(await code { _ = try await client.jobs(includeDone: false) } == "route.not_found")
        let garbage = try #require(UUID(uuidString: "00000000-0000-0000-0000-0000000000ba"))
        #expect(await code { for try await _ in client.events(of: garbage) {} } == "remote.bad_response")
    }
}
