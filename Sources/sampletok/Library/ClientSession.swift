import ArgumentParser
import Client
import EmbeddedClient
import Engine
import Foundation
import Media
import Model

/// The one place that opens the right client for a command: a `RemoteClient` with `--remote`
/// (or `$SAMPLETOK_REMOTE`), else an `EmbeddedClient` on the local library (adding the demo
/// loops to a new one). Runs the command's body, closes the client, and turns errors into a
/// message and an exit code as `LibrarySession` does.
enum ClientSession {
    static func run<T: Sendable>(_ options: ClientOptions, workers: EmbeddedClient.Workers = .none, demo: Bool = true,
                                 _ body: @Sendable (any SampleTokClient) async throws -> T) async throws -> T {
        let client: any SampleTokClient
        do {
            client = try await open(options, workers: workers, demo: demo)
        } catch {
            throw LibrarySession.fail(error)
        }
        do {
            let result = try await body(client)
            await client.close()
            return result
        } catch {
            await client.close()
            throw LibrarySession.fail(error)
        }
    }

    private static func open(_ options: ClientOptions, workers: EmbeddedClient.Workers, demo: Bool) async throws -> any SampleTokClient {
        if let remote = options.remoteURL {
            return try RemoteClient(baseURL: remote, token: options.bearerToken)
        }
        MediaLog.configure(level: ProcessInfo.processInfo.environment["SAMPLETOK_AV_LOG"])
        let configuration = options.library.configuration
        let client = try await EmbeddedClient.open(configuration: configuration, workers: workers,
                                                   demoFolder: demo ? Assets.demoFolder : nil)
        LibrarySession.announceDemo(client.demoLoopsAdded, configuration)
        return client
    }

    /// After a submission or a retry without `--watch`: a local library needs a background
    /// worker to run the job; a server runs it itself.
    static func startWork(_ client: any SampleTokClient) {
        guard let embedded = client as? EmbeddedClient else { return }
        BackgroundWorker.spawn(embedded.library.configuration)
    }
}
