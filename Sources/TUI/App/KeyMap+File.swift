import Foundation

/// Where the key map comes from: the file and the environment (kept out of `State/`, which is pure).
extension KeyMap {
    /// The defaults with the rebindings of a `keys.toml` file, and the problems found: syntax
    /// errors, unknown actions or key names, keys claimed twice, actions left on F-keys only or
    /// with no key. The app shows the problems in the status line at start; a missing file is
    /// not a problem.
    public static func load(from url: URL) -> (map: KeyMap, problems: [String]) {
        guard FileManager.default.fileExists(atPath: url.path) else { return (defaults, []) }
        guard let data = FileManager.default.contents(atPath: url.path),
              let text = String(data: data, encoding: .utf8) else {
            return (defaults, ["\(url.lastPathComponent): cannot be read as UTF-8 text; using the default keys"])
        }
        return parse(text, name: url.lastPathComponent)
    }

    /// `~/.config/sampletok/keys.toml` (or under `$XDG_CONFIG_HOME`).
    public static var defaultFile: URL { ConfigFolder.url.appendingPathComponent("keys.toml") }
}
