import ArgumentParser
import Client
import Engine
import Foundation
import Media
import Model

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
        let library: Library
        do {
            library = try await Library.open(engine)
            if listen != nil, let demo = Assets.demoFolder, try await library.importDemoIfNew(from: demo) > 0 {
                FileHandle.standardError.write(Data("A new library: the demo loops were added; they are processed now.\n".utf8))
            }
        } catch {
            throw LibrarySession.fail(error)
        }
        let (host, port) = (server.host, server.port)
        let shownHost = host.contains(":") ? "[\(host)]" : host
        do {
            try await APIServer(library: library, configuration: server).run(workers: engine.workers) { port in
                FileHandle.standardOutput.write(Data("sampletok serving on http://\(shownHost):\(port)\n".utf8))
            }
        } catch {
            await library.close()
            if error is SampleTokError { throw LibrarySession.fail(error) }
            throw LibrarySession.fail(SampleTokError(code: "server.failed", message: "Cannot serve on \(host):\(port): \(error)"))
        }
        await library.close()
        FileHandle.standardError.write(Data("sampletok: stopped.\n".utf8))
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
