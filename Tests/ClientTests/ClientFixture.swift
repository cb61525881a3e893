import Client
import EmbeddedClient
import Engine
import Foundation
import Model
import StemTestSupport
import Net
import Server
import TestSupport

/// The two implementations the contract tests run against.
enum ClientKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case embedded, remote
    var description: String { rawValue }
}

/// A library with three completed samples (`kick loop`, `snare roll`, `vocal chop`), a media
/// server with a tone, and a client of the library: embedded (background workers in this
/// process) or remote (a real `APIServer` on a loopback port, with its workers, and a user).
final class ClientFixture: @unchecked Sendable {
    let scratch = Scratch("client")
    let library: Library
    let client: any SampleTokClient
    let media: FixtureServer
    let kind: ClientKind
    private let server: LoopbackServer?

    static let titles = ["kick loop", "snare roll", "vocal chop"]

    /// A fixture of `kind`; with `separator`, that separator is the provider of its name.
    init(_ kind: ClientKind, samples: Bool = true, separator: CopySeparator? = nil) async throws {
        self.kind = kind
        var configuration = EngineConfiguration(environment: [:])
        configuration.home = scratch.url.appendingPathComponent("home")
        configuration.workers = 1
        configuration.retryBaseDelay = 0.05
        configuration.localCredits = 7
        library = try await Library.open(configuration, dependencies: separator.map { .live(configuration, separator: $0) })
        let served = scratch.path("served")
        try FileManager.default.createDirectory(atPath: served, withIntermediateDirectories: true)
        try Fixtures.audio("\(served)/tone.wav", expression: "0.3*sin(2*PI*330*t)", rate: 44100, seconds: 1,
                           codecArguments: ["-c:a", "pcm_s16le"])
        media = try FixtureServer(script: Self.mediaServerScript, arguments: [served])
        if samples {
            for (index, title) in Self.titles.enumerated() {
                let path = scratch.path("\(title).wav")
                try Fixtures.audio(path, expression: "0.3*sin(2*PI*\(110 * (index + 1))*t)", rate: 44100, seconds: 1,
                                   codecArguments: ["-c:a", "pcm_s16le"])
                _ = try await library.samples.submit(path)
            }
            let library = self.library
            try await JobRunner(library: library).run(workers: 1, pollInterval: .milliseconds(20)) {
                (try? await library.jobs.hasPending()) == false
            }
        }
        switch kind {
        case .embedded:
            server = nil
            client = EmbeddedClient(library: library, workers: .background(1))
        case .remote:
            let token = try await library.accounts.createUser(name: "ada", credits: 7).token
            let server = try await LoopbackServer(library: library)
            self.server = server
            client = try RemoteClient(baseURL: server.baseURL, token: token)
        }
    }

    /// Runs `body` with a fixture, then closes it (also when `body` throws).
    static func with(_ kind: ClientKind, samples: Bool = true, separator: CopySeparator? = nil,
                     _ body: (ClientFixture) async throws -> Void) async throws {
        let fixture = try await ClientFixture(kind, samples: samples, separator: separator)
        do {
            try await body(fixture)
        } catch {
            await fixture.close()
            throw error
        }
        await fixture.close()
    }

    /// Stops the client, the server and the library.
    func close() async {
        await client.close()
        await server?.stop()
        await library.close()
    }

    static var mediaServerScript: String {
        FixtureServer.script(named: "media_server.py")
    }

    /// A sample by title.
    func sample(titled title: String) async throws -> Sample {
        let page = try await library.samples.list(SampleQuery(limit: 200))
        guard let sample = page.items.first(where: { $0.title == title }) else {
            throw SampleTokError.sampleNotFound(title)
        }
        return sample
    }
}
