import Foundation

/// The built `sampletok` binary, for end-to-end tests.
public enum Binary {
    /// Its path: `SAMPLETOK_BIN` if set, else beside the test bundle in the build folder.
    public static var path: String {
        if let explicit = ProcessInfo.processInfo.environment["SAMPLETOK_BIN"] { return explicit }
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("sampletok").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return ".build/debug/sampletok"
    }

    /// Runs `sampletok` with `arguments`.
    @discardableResult
    public static func run(_ arguments: [String]) throws -> CommandResult {
        try Command.run(path, arguments)
    }
}
