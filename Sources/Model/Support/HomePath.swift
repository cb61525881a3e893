import Foundation

/// `~` in paths people type (the add dialog, the export folder, `--key-map`): it stands for
/// `$HOME`, as in a shell, and as the library folder already reads it.
public enum HomePath {
    /// The home folder: `$HOME` when it is set, else the account's.
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let home = environment["HOME"], !home.isEmpty { return home }
        return NSHomeDirectory()
    }

    /// `~` and `~/…` with `home` in place of the `~`; any other path as it is (`~user` too).
    public static func expandingTilde(_ path: String, home: String) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let base = home.hasSuffix("/") && home.count > 1 ? String(home.dropLast()) : home
        return base + path.dropFirst()
    }

    /// `~/…` expanded with `current()`.
    public static func expandingTilde(_ path: String) -> String { expandingTilde(path, home: current()) }
}
