import ArgumentParser
import Client
import Foundation
import Media
import TUI

/// Bare `sampletok`: the terminal app on the local library, with the pipeline workers in this
/// process.
enum AppMode {
    static func run(_ library: LibraryOptions, app: AppOptions) async throws {
        MediaLog.configure(level: ProcessInfo.processInfo.environment["SAMPLETOK_AV_LOG"])
        let configuration = library.configuration
        let client: EmbeddedClient
        do {
            client = try await EmbeddedClient.open(configuration: configuration, workers: .background(configuration.workers))
        } catch {
            throw LibrarySession.fail(error)
        }
        var options = TerminalOptions(isLocal: true, seekStep: app.seekStep)
        if let keys = app.keys { options.keysFile = URL(fileURLWithPath: keys) }
        if app.noColor { options.colors = false }
        options.logFile = configuration.home.appendingPathComponent("tui.log")
        let status = await TerminalApp.run(client: client, options: options)
        await client.close()
        if status != 0 { throw ExitCode(status) }
    }
}
