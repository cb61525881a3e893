import Foundation

/// Runs an external program and waits for it, for the benchmarks.
enum Subprocess {
    /// Runs `arguments[0]` from PATH with the rest as arguments; returns its exit status.
    @discardableResult
    static func run(_ arguments: [String], quiet: Bool = true) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        if quiet {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
