import Foundation

/// A Python fixture server script on a loopback port. The script binds port 0, prints the port
/// on its first line, and exits when its standard input closes (when this object goes away or
/// the test process ends).
public final class FixtureServer: @unchecked Sendable {
    /// Its port on 127.0.0.1.
    public let port: Int
    private let process: Process
    private let input: Pipe

    /// The path of the Python fixture `name` in `Tests/Fixtures`, the one folder every test
    /// target takes its fake servers from.
    public static func script(named name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name).path
    }

    /// Starts `python3 script arguments…` and waits for its port.
    public init(script: String, arguments: [String] = []) throws {
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
            throw CommandFailure(description: "the fixture server \(script) did not print its port")
        }
        self.port = port
    }

    deinit { try? input.fileHandleForWriting.close() }

    /// `http://127.0.0.1:<port><path>`.
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }
}
