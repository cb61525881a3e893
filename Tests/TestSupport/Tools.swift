import Foundation

/// External programs some tests need (they are in the Makefile's APT_PACKAGES).
public enum Tools {
    /// Whether `name` is an executable on PATH.
    public static func isInstalled(_ name: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
    }
}
