import Foundation
import Net

/// The Python fixture server (Fixtures/server.py) on a loopback port, started once for the test
/// process. It exits when its standard input closes, i.e. when the test process ends.
final class TestServer: @unchecked Sendable {
    /// The one server the tests share.
    static let shared = Result { try TestServer(arguments: []) }

    /// Its port on 127.0.0.1.
    let port: Int
    private let process: Process
    private let input: Pipe

    /// Starts a server; `["--tls", cert, key]` makes it serve HTTPS.
    init(arguments: [String]) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/server.py").path
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let more = output.fileHandleForReading.availableData
            if more.isEmpty { break }
            line.append(more)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ServerFailure(description: "the test server did not print its port")
        }
        self.port = port
    }

    /// Stops the server (it exits when its standard input closes).
    deinit { try? input.fileHandleForWriting.close() }

    /// `http://127.0.0.1:<port><path>`.
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// The URL of `path` on the shared server.
    static func url(_ path: String) throws -> String { try shared.get().url(path) }
}
