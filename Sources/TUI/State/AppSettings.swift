import Foundation

/// What the app remembers between runs, in `settings.toml` beside `keys.toml` (the app writes
/// it when a setting changes): `autoplay = true`.
public struct AppSettings: Sendable, Equatable {
    /// Whether resting on a sample plays it (`A` toggles).
    public var autoplay = false

    /// The defaults.
    public init(autoplay: Bool = false) {
        self.autoplay = autoplay
    }

    /// Reads the text of a `settings.toml`; unknown keys and values that cannot be read are
    /// problems (the rest is read anyway).
    public static func parse(_ text: String, name: String = "settings.toml") -> (settings: AppSettings, problems: [String]) {
        var settings = AppSettings()
        var problems: [String] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = TOMLLine.stripComment(String(rawLine)).trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line == "[app]" { continue }
            guard let equals = line.firstIndex(of: "=") else {
                problems.append("\(name) line \(index + 1): expected name = value")
                continue
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "autoplay":
                guard value == "true" || value == "false" else {
                    problems.append("\(name) line \(index + 1): autoplay is true or false, not \(value)")
                    continue
                }
                settings.autoplay = value == "true"
            default:
                problems.append("\(name) line \(index + 1): unknown setting '\(key)' (known: autoplay)")
            }
        }
        return (settings, problems)
    }

    /// The text of a `settings.toml` holding these settings.
    public var text: String {
        """
        # SampleTok app settings, written by the app when you change one (A toggles autoplay).
        autoplay = \(autoplay)

        """
    }
}
