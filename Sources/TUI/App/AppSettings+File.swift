import Foundation
import Model

/// Where the settings live: `settings.toml` in the app's config folder (kept out of `State/`,
/// which is pure).
extension AppSettings {
    /// `~/.config/sampletok/settings.toml` (or under `$XDG_CONFIG_HOME`).
    public static var defaultFile: URL { ConfigFolder.url.appendingPathComponent("settings.toml") }

    /// The settings of a file, and its problems; a missing file gives the defaults and no problem.
    public static func load(from url: URL) -> (settings: AppSettings, problems: [String]) {
        guard FileManager.default.fileExists(atPath: url.path) else { return (AppSettings(), []) }
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            return (AppSettings(), ["\(url.lastPathComponent): cannot be read as UTF-8 text; using the default settings"])
        }
        return parse(text, name: url.lastPathComponent)
    }

    /// Writes the settings to `url` (making its folder), replacing the file whole.
    public func save(to url: URL) throws(SampleTokError) {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw SampleTokError(.outputUnwritable, "Cannot save the settings to \(url.path) (\(error.localizedDescription)). Check that the folder is writable.")
        }
    }
}

/// The app's config folder: `$XDG_CONFIG_HOME/sampletok`, else `~/.config/sampletok` (`$HOME`).
enum ConfigFolder {
    static var url: URL {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: HomePath.current(environment: environment)).appendingPathComponent(".config")
        return base.appendingPathComponent("sampletok")
    }
}
