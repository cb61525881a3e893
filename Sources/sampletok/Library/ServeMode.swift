import ArgumentParser
import Client
import Engine
import Foundation
import Media
import Model

/// `sampletok --serve`: opens the library as a server's (no local paths, no private addresses
/// unless ALLOW_PRIVATE_URLS=1), prints where it listens, and serves until SIGINT or SIGTERM.
enum ServeMode {
    static func run(_ options: ServeOptions) async throws {
        MediaLog.configure(level: ProcessInfo.processInfo.environment["SAMPLETOK_AV_LOG"])
        var engine = options.library.configuration
        engine.allowLocalFiles = false
        var server = ServerConfiguration()
        server.host = options.host
        server.port = options.port
        server.openAPI = openAPIDocument()
        let library: Library
        do {
            library = try await Library.open(engine)
        } catch {
            throw LibrarySession.fail(error)
        }
        let host = options.host
        do {
            try await APIServer(library: library, configuration: server).run(workers: engine.workers) { port in
                FileHandle.standardOutput.write(Data("sampletok serving on http://\(host):\(port)\n".utf8))
            }
        } catch {
            await library.close()
            if error is SampleTokError { throw LibrarySession.fail(error) }
            throw LibrarySession.fail(SampleTokError(code: "server.failed", message: "Cannot serve on \(host):\(options.port): \(error)"))
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
