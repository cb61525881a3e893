import Engine
import Foundation
import Model
import Net
import Testing
import TestSupport

/// A library with a local media server holding one short WAV, `tone.wav`.
final class URLFixture: @unchecked Sendable {
    let library: TestLibrary
    let server: FixtureServer

    init(maxDownloadBytes: Int64? = nil) async throws {
        library = try await TestLibrary(maxDownloadBytes: maxDownloadBytes)
        let served = library.scratch.path("served")
        try FileManager.default.createDirectory(atPath: served, withIntermediateDirectories: true)
        _ = try library.tone("served/tone.wav", seconds: 2)
        let script = FixtureServer.script(named: "media_server.py")
        server = try FixtureServer(script: script, arguments: [served])
    }

    /// Submits a path on the server and runs the workers until nothing waits.
    func run(_ path: String) async throws -> Sample {
        let outcome = try await library.library.samples.submit(server.url(path))
        try await library.drain()
        return try await library.library.samples.sample(outcome.sample.id)
    }
}

@Suite("URL jobs: download, retries, failure and retry")
struct URLJobTests {
    @Test("a server that fails twice then succeeds: the job retries and completes")
    func flakyServer() async throws {
        let f = try await URLFixture()
        let sample = try await f.run("/flaky/a/2/tone.wav")
        #expect(sample.status == .completed, "\(String(describing: sample.error))")
        let job = try await f.library.library.jobs.job(forSample: sample.id)
        #expect(job?.attempts == 2)
        #expect(abs((sample.duration ?? 0) - 2) < 0.01)
    }

    @Test("a server that always fails: the sample ends failed with the message; retry succeeds once it works")
    func brokenThenHealed() async throws {
        let f = try await URLFixture()
        let failed = try await f.run("/broken/tone.wav")
        #expect(failed.status == .failed)
        #expect(failed.error?.code == "fetch.http_status")
        #expect(failed.error?.message.contains("500") == true)
        #expect(try await f.library.library.jobs.job(forSample: failed.id)?.attempts == 4)

        #expect(try await HTTPClient().send(.get(f.server.url("/heal/tone.wav"))).status == 200)
        _ = try await f.library.library.samples.retry(failed.id)
        try await f.library.drain()
        #expect(try await f.library.library.samples.sample(failed.id).status == .completed)
    }

    @Test("redirects are followed; slow bodies arrive whole")
    func redirectsAndSlowBodies() async throws {
        let f = try await URLFixture()
        #expect(try await f.run("/redirect/3/tone.wav").status == .completed)
        #expect(try await f.run("/slow/tone.wav").status == .completed)
    }

    @Test("a redirect loop, a 404, an HTML page and an oversize file fail with their codes",
          arguments: [("/loop", "fetch.too_many_redirects"), ("/missing", "link.not_found"), ("/page", "link.unsupported"),
                      ("/redirect/6/tone.wav", "fetch.too_many_redirects")])
    func failures(path: String, code: String) async throws {
        let f = try await URLFixture()
        let sample = try await f.run(path)
        #expect(sample.status == .failed)
        #expect(sample.error?.code == code, "\(path): \(String(describing: sample.error))")
    }

    @Test("a 404 fails at the first try, naming the status (a 500 is tried again: brokenThenHealed)")
    func notFoundIsNotRetried() async throws {
        let f = try await URLFixture()
        let missing = try await f.run("/missing")
        #expect(missing.error?.message.contains("HTTP 404") == true, "\(String(describing: missing.error))")
        #expect(try await f.library.library.jobs.job(forSample: missing.id)?.attempts == 1)
    }

    @Test("a file over the size limit fails as fetch.too_large")
    func oversize() async throws {
        let f = try await URLFixture(maxDownloadBytes: 50_000)
        let sample = try await f.run("/files/tone.wav")
        #expect(sample.error?.code == "fetch.too_large")
    }
}
