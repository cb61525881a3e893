import Foundation
import Model

/// What the app remembers between runs, in `settings.toml` beside `keys.toml` (the app writes
/// it when a setting changes, and the list's place when it quits): autoplay, the export format,
/// the key notation, the sort and its direction, the filters, the last selected sample.
public struct AppSettings: Sendable, Equatable {
    /// Whether resting on a sample plays it (`A` toggles).
    public var autoplay = false
    /// The format the export dialog offers first: the last one exported.
    public var exportFormat: ExportFormat = .wav
    /// How keys are spelled (`notation = "flats" | "sharps" | "auto"`).
    public var notation: KeyNotation = .auto
    /// The list's sort (nil: newest first, or relevance while searching).
    public var sort: SampleSort?
    /// Whether the sort is reversed (`O`).
    public var reverse = false
    /// The filters of the filters dialog (`f`).
    public var filters = Dialog.Filters()
    /// The sample selected when the app last quit; the cursor starts on it.
    public var selected: UUID?
    /// The session's tempo, which synced previews play at (`t`).
    public var sessionTempo: Double?
    /// The session's key, which synced previews are shifted to (`t`).
    public var sessionKey: MusicalKey?
    /// Whether previews are synced to the session's tempo and key (`y`).
    public var sync = false
    /// Whether the list shows the starred samples only (`F`).
    public var starredOnly = false

    /// The defaults.
    public init(autoplay: Bool = false, exportFormat: ExportFormat = .wav, notation: KeyNotation = .auto) {
        self.autoplay = autoplay
        self.exportFormat = exportFormat
        self.notation = notation
    }

    /// The names a `settings.toml` may hold.
    static let names = ["autoplay", "export_format", "notation", "sort", "reverse", "bpm_min", "bpm_max", "key", "mix", "status", "selected", "session_tempo",
                         "session_key", "sync", "starred_only"]

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
            let raw = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            let value = raw.count >= 2 && raw.hasPrefix("\"") && raw.hasSuffix("\"") ? String(raw.dropFirst().dropLast()) : raw
            if let problem = settings.set(key, to: value) { problems.append("\(name) line \(index + 1): \(problem)") }
        }
        return (settings, problems)
    }

    /// The settings that are true or false, by name.
    private static let flags: [String: WritableKeyPath<AppSettings, Bool> & Sendable] = [
        "autoplay": \.autoplay, "reverse": \.reverse, "sync": \.sync, "starred_only": \.starredOnly,
    ]

    /// Sets one setting from its text; the problem when it cannot be read.
    private mutating func set(_ key: String, to value: String) -> String? {
        func tempo() -> Double? { Double(value).flatMap { $0 > 0 && $0 < 1000 ? $0 : nil } }
        if let flag = Self.flags[key] {
            guard let on = value == "true" ? true : value == "false" ? false : nil else { return "\(key) is true or false, not \(value)" }
            self[keyPath: flag] = on
            return nil
        }
        switch key {
        case "export_format":
            guard let format = ExportFormat(rawValue: value.lowercased()) else { return "export_format is \"wav\" or \"mp3\", not \(value)" }
            exportFormat = format
        case "notation":
            guard let notation = KeyNotation(rawValue: value.lowercased()) else {
                return "notation is \"auto\", \"flats\" or \"sharps\", not \(value)"
            }
            self.notation = notation
        case "sort":
            guard let sort = SampleSort(rawValue: value) else {
                return "sort is one of \(SampleSort.allCases.map(\.rawValue).joined(separator: ", ")), not \(value)"
            }
            self.sort = sort
        case "bpm_min", "bpm_max":
            guard let bpm = tempo() else { return "\(key) is a tempo such as 96, not \(value)" }
            if key == "bpm_min" { filters.bpmMin = bpm } else { filters.bpmMax = bpm }
        case "key", "mix":
            guard let musicalKey = MusicalKey(parsing: value) else { return "\(key) is a key such as \"Am\" or \"8A\", not \(value)" }
            if key == "key" { filters.key = musicalKey } else { filters.compatibleWith = musicalKey }
        case "status":
            guard let status = SearchSyntax.status(value) else { return "status is ready, working or failed, not \(value)" }
            filters.status = status
        case "selected":
            guard let id = UUID(uuidString: value) else { return "selected is a sample id, not \(value)" }
            selected = id
        case "session_tempo":
            guard let bpm = tempo() else { return "session_tempo is a tempo such as 124, not \(value)" }
            sessionTempo = bpm
        case "session_key":
            guard let musicalKey = MusicalKey(parsing: value) else { return "session_key is a key such as \"Am\" or \"8A\", not \(value)" }
            sessionKey = musicalKey
        default:
            return "unknown setting '\(key)' (known: \(Self.names.joined(separator: ", ")))"
        }
        return nil
    }

    /// The text of a `settings.toml` holding these settings.
    public var text: String {
        var lines = ["# SampleTok app settings, written by the app when you change one (A toggles autoplay, o and O sort,",
                     "# f filters) and when it quits (the sample selected). notation: \"auto\", \"flats\" or \"sharps\".",
                     "autoplay = \(autoplay)",
                     "export_format = \"\(exportFormat.rawValue)\"",
                     "notation = \"\(notation.rawValue)\""]
        if let sort { lines.append("sort = \"\(sort.rawValue)\"") }
        if reverse { lines.append("reverse = true") }
        if let bpm = filters.bpmMin { lines.append("bpm_min = \(SampleFormat.number(bpm))") }
        if let bpm = filters.bpmMax { lines.append("bpm_max = \(SampleFormat.number(bpm))") }
        if let key = filters.key { lines.append("key = \"\(key.camelot)\"") }
        if let key = filters.compatibleWith { lines.append("mix = \"\(key.camelot)\"") }
        if let status = filters.status { lines.append("status = \"\(status.rawValue)\"") }
        if let selected { lines.append("selected = \"\(selected.uuidString.lowercased())\"") }
        if let sessionTempo { lines.append("session_tempo = \(SampleFormat.number(sessionTempo))") }
        if let sessionKey { lines.append("session_key = \"\(sessionKey.camelot)\"") }
        if sync { lines.append("sync = true") }
        if starredOnly { lines.append("starred_only = true") }
        return lines.joined(separator: "\n") + "\n"
    }
}
