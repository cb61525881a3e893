import ArgumentParser
import Client
import EmbeddedClient
import Engine
import Foundation
import Media
import Model
import Server
import TUI

/// `sampletok --serve`: opens the library as a server's (no local paths, no private addresses
/// unless ALLOW_PRIVATE_URLS=1), prints where it listens, and serves until SIGINT or SIGTERM.
/// With `listen` (`sampletok --listen HOST:PORT`) it serves the local library instead: local
/// files may be imported into it in-process, a new one gets the demo loops, and the address is
/// `listen`'s. (The API's submit route takes only http(s) URLs in both modes.)
enum ServeMode {
    static func run(_ options: ServeOptions, listen: ListenAddress? = nil) async throws {
        MediaLog.configure(level: ProcessInfo.processInfo.environment["SAMPLETOK_AV_LOG"])
        var engine = options.library.configuration
        engine.allowLocalFiles = listen != nil
        var server = ServerConfiguration()
        server.host = listen?.host ?? options.host
        server.port = listen?.port ?? options.port
        server.openAPI = openAPIDocument()
        if let problem = engine.configurationProblem ?? server.configurationProblem {
            throw LibrarySession.fail(problem)
        }
        if let warning = server.hostHeaderWarning {
            FileHandle.standardError.write(Data("sampletok: warning: \(warning)\n".utf8))
        }
        let library: Library
        do {
            library = try await Library.open(engine)
            if listen != nil, let demo = Assets.demoFolder, try await library.samples.importDemoIfNew(from: demo) > 0 {
                FileHandle.standardError.write(Data("A new library: the demo loops were added; they are processed now.\n".utf8))
            }
        } catch {
            throw LibrarySession.fail(error)
        }
        let (host, port) = (server.host, server.port)
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let api = APIServer(library: library, configuration: server)
        // `--listen` in a terminal: the app runs next to the API on the same library (the
        // server's workers run the jobs); quitting the app stops both.
        if listen != nil, (try? TerminalApp.requireTerminal()) != nil {
            try await runBesideApp(api, library: library, workers: engine.workers, announce: "http://\(shownHost)")
            return
        }
        do {
            try await api.run(workers: engine.workers) { port in
                FileHandle.standardOutput.write(Data("sampletok serving on http://\(shownHost):\(port)\n".utf8))
            }
        } catch {
            await library.close()
            if error is SampleTokError { throw LibrarySession.fail(error) }
            throw LibrarySession.fail(SampleTokError(.serverFailed, "Cannot serve on \(host):\(port): \(error)"))
        }
        await library.close()
        FileHandle.standardError.write(Data("sampletok: stopped.\n".utf8))
    }

    /// Serves `api` in the background while the terminal app runs in the foreground on the same
    /// library; the address is written to the app's log (`tui.log`), not over the screen.
    private static func runBesideApp(_ api: APIServer, library: Library, workers: Int, announce: String) async throws {
        let serving = Task {
            do {
                try await api.run(workers: workers) { port in
                    FileHandle.standardError.write(Data("sampletok serving on \(announce):\(port)\n".utf8))
                }
            } catch is CancellationError {
                // The app quit.
            } catch {
                FileHandle.standardError.write(Data("sampletok: the API stopped: \(error)\n".utf8))
            }
        }
        var options = TerminalOptions(isLocal: true, seekStep: 2)
        options.logFile = library.configuration.home.appendingPathComponent("tui.log")
        let status = await TerminalApp.run(client: EmbeddedClient(library: library, workers: .none), options: options)
        serving.cancel()
        await serving.value
        await library.close()
        if status != 0 { throw ExitCode(status) }
    }

    /// The shipped OpenAPI document, or nil with a warning (its routes then answer 503).
    private static func openAPIDocument() -> OpenAPIDocument? {
        guard let url = Assets.file("openapi.yaml") else {
            FileHandle.standardError.write(Data("sampletok: warning: assets/openapi.yaml not found (set SAMPLETOK_ASSETS); /api/v1/openapi.json and /api/v1/docs answer 503.\n".utf8))
            return nil
        }
        do {
            return try OpenAPIDocument(contentsOf: url)
        } catch {
            FileHandle.standardError.write(Data("sampletok: warning: \(error.message)\n".utf8))
            return nil
        }
    }
}
