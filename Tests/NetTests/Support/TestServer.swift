import Foundation
import Net
import TestSupport

/// The Python fixture server (Tests/Fixtures/server.py) on a loopback port, started once for the test process.
enum TestServer {
    /// The one server the tests share.
    static let shared = Result { try make(arguments: []) }

    /// Starts a server; `["--tls", cert, key]` makes it serve HTTPS.
    static func make(arguments: [String]) throws -> FixtureServer {
        let script = FixtureServer.script(named: "server.py")
        return try FixtureServer(script: script, arguments: arguments)
    }

    /// The URL of `path` on the shared server.
    static func url(_ path: String) throws -> String { try shared.get().url(path) }
}
