import Foundation

/// How the terminal app is set up.
public struct TerminalOptions: Sendable {
    /// Whether the library is embedded (so `a` also takes file paths).
    public var isLocal: Bool
    /// The seek step of ←/→, seconds.
    public var seekStep: Double
    /// The key map file (default `~/.config/sampletok/keys.toml`).
    public var keysFile: URL
    /// The settings file the app reads and writes (default `~/.config/sampletok/settings.toml`).
    public var settingsFile: URL = AppSettings.defaultFile
    /// The folder `d` exports to by default.
    public var exportFolder: String
    /// Colours: nil means yes unless `NO_COLOR` is set.
    public var colors: Bool?
    /// The PulseAudio server (default: `PULSE_SERVER`, else the user's daemon).
    public var pulseServer: String?
    /// Where what is written to stderr goes while the app owns the screen (nil: nowhere).
    public var logFile: URL?

    /// Options with the defaults.
    public init(isLocal: Bool, seekStep: Double = 2, keysFile: URL = KeyMap.defaultFile,
                exportFolder: String = "~/Music/SampleTok", colors: Bool? = nil, pulseServer: String? = nil) {
        self.isLocal = isLocal
        self.seekStep = seekStep
        self.keysFile = keysFile
        self.exportFolder = exportFolder
        self.colors = colors
        self.pulseServer = pulseServer
    }

    /// Whether to use colours: as asked, else unless `NO_COLOR` is set (https://no-color.org).
    var usesColors: Bool {
        if let colors { return colors }
        return (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }
}
