import ArgumentParser
import Client
import EmbeddedClient
import Foundation
import Media
import Model
import TUI

/// Bare `sampletok`: the terminal app on the local library, with the pipeline workers in this
/// process; with `--remote URL`, on a server.
enum AppMode {
    static func run(_ library: LibraryOptions, remote: RemoteOptions, app: AppOptions) async throws {
        MediaLog.configure(level: ProcessInfo.processInfo.environment["SAMPLETOK_AV_LOG"])
        do { try TerminalApp.requireTerminal() } catch { throw LibrarySession.fail(error) }
        if let url = remote.url(home: library.home) {
            let client: RemoteClient
            do {
                client = try RemoteClient(baseURL: url, token: remote.bearerToken)
            } catch {
                throw LibrarySession.fail(error)
            }
            try await open(client, options: terminalOptions(app, isLocal: false))
            return
        }
        let configuration = library.configuration
        let client: EmbeddedClient
        do {
            client = try await EmbeddedClient.open(configuration: configuration, workers: .background(configuration.workers))
        } catch {
            throw LibrarySession.fail(error)
        }
        var options = terminalOptions(app, isLocal: true)
        options.logFile = configuration.home.appendingPathComponent("tui.log")
        try await open(client, options: options)
    }

    private static func terminalOptions(_ app: AppOptions, isLocal: Bool) -> TerminalOptions {
        var options = TerminalOptions(isLocal: isLocal, seekStep: app.seekStep)
        if let keyMap = app.keyMap { options.keysFile = URL(fileURLWithPath: HomePath.expandingTilde(keyMap)) }
        if app.noColor { options.colors = false }
        return options
    }

    private static func open(_ client: any SampleTokClient, options: TerminalOptions) async throws {
        let status = await TerminalApp.run(client: client, options: options)
        await client.close()
        if status != 0 { throw ExitCode(status) }
    }
}
