import Foundation
import Net
import TestSupport

/// The Python fixture server (Fixtures/server.py) on a loopback port, started once for the test process.
enum TestServer {
    /// The one server the tests share.
    static let shared = Result { try make(arguments: []) }

    /// Starts a server; `["--tls", cert, key]` makes it serve HTTPS.
    static func make(arguments: [String]) throws -> FixtureServer {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/server.py").path
        return try FixtureServer(script: script, arguments: arguments)
    }

    /// The URL of `path` on the shared server.
    static func url(_ path: String) throws -> String { try shared.get().url(path) }
}
