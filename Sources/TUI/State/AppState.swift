import Foundation
import Model

/// Everything the app shows and remembers, as plain values: no terminal, no I/O. `handle(_:)`
/// (in `AppState+Update.swift`) turns an event into the next state and the effects to run:
/// it routes the event to the part it concerns (the list, the player, the jobs pane, the stems,
/// the overlay in front), each a value with its own updates, and does what spans several.
public struct AppState: Sendable {
    /// Where the library is (`local library` or a server's URL).
    public var location: String
    /// Whether the library is in this process (so `a` takes file paths too).
    public var isLocal: Bool
    /// The key map.
    public var keyMap: KeyMap
    /// Unicode or ASCII glyphs.
    public var glyphs: Glyphs
    /// The seek step in seconds.
    public var seekStep: Double
    /// The default export folder.
    public var exportFolder: String
    /// The folder typed for the export in flight: it becomes `exportFolder` once the export succeeds.
    public var exportingTo: String?
    /// The file the last export wrote (`Y` copies its path).
    public var lastExport: URL?
    /// The home folder `~` stands for in the paths typed (`$HOME`).
    public var home: String
    /// The settings the app remembers (`settings.toml`): autoplay.
    public var settings: AppSettings

    /// Terminal rows.
    public var rows: Int = 24
    /// Terminal columns.
    public var cols: Int = 80
    /// The clock (monotonic seconds), from the last tick.
    public var now: Double = 0

    /// The list: query, pages, cursor, search line (`ListState.swift`).
    public var list = ListState()
    /// The library list as it was when `m` listed a sample's neighbours in its place; Esc
    /// brings it back (`AppState+Similar.swift`).
    public var savedList: ListState?
    /// The player: what plays, the gain, the peaks, autoplay (`PlaybackState.swift`).
    public var playback = PlaybackState()
    /// The jobs pane (`JobsState.swift`).
    public var jobs = JobsState()
    /// The samples' stem jobs and which samples show their stems (`StemsState.swift`).
    public var stems = StemsState()
    /// The starred samples and the crates (`CratesState.swift`).
    public var crates = CratesState()

    /// The overlays open, back to front (`Overlay.swift`): the last takes the keys and is drawn.
    public var overlays: [Overlay] = []
    /// The status line's message.
    public var message: StatusMessage?
    /// Every message shown, oldest first (the last `MessageLog.capacity`): `m` shows them in full.
    public var messageLog = MessageLog()
    /// Set when the app should end.
    public var isQuitting = false

    /// Whether sound can be played.
    public enum AudioState: Sendable, Equatable {
        /// The output is being opened.
        case starting
        /// Play works.
        case ready
        /// No sound, and why.
        case unavailable(String)
    }

    /// A new state at the clock's `now`; `problems` (from `keys.toml` and `settings.toml`) are
    /// shown in the status line and each is kept in the message log.
    public init(location: String, isLocal: Bool, keyMap: KeyMap = .defaults, glyphs: Glyphs = .unicode,
                seekStep: Double = 2, exportFolder: String = "~/Music/SampleTok", home: String = HomePath.current(),
                settings: AppSettings = AppSettings(), now: Double = 0, problems: [String] = []) {
        self.location = location
        self.isLocal = isLocal
        self.keyMap = keyMap
        self.glyphs = glyphs
        self.seekStep = seekStep
        self.exportFolder = exportFolder
        self.home = home
        self.settings = settings
        self.now = now
        // The list as it was left: its sort, its filters, the sample selected.
        list.query.sort = settings.sort
        list.query.reverse = settings.reverse ? true : nil
        list.apply(settings.filters)
        list.query.starred = settings.starredOnly ? true : nil
        if settings.selected != nil { list.anchor = SelectionAnchor(sampleID: settings.selected, stem: nil, row: 0) }
        for problem in problems { messageLog.append(StatusMessage(text: problem, isError: true, expires: nil), at: now) }
        if !problems.isEmpty {
            let count = problems.count > 1 ? "\(problems.count) problems, \(keyMap.label(.messages, unicode: glyphs.isUnicode)) lists them: " : ""
            message = StatusMessage(text: count + problems[0], isError: true, expires: nil)
        }
    }

    /// The bigger seek step of shift-←/→: five steps.
    public var bigSeekStep: Double { seekStep * 5 }

    /// The screen's layout for the current size and jobs.
    public var layout: Layout { Layout(rows: rows, cols: cols, jobCount: jobs.rows.count) }

    /// The sample at a row, when its page is loaded.
    public func sample(at index: Int) -> Sample? { list.sample(at: index) }

    /// The sample under the cursor (the stem's sample on a stem row).
    public var selected: Sample? { list.sample(at: list.cursor) }

    /// The stem under the cursor, on a stem row.
    public var selectedStem: Stem? {
        guard let stemCursor = list.stemCursor else { return nil }
        let stems = shownStems(at: list.cursor)
        return stems.indices.contains(stemCursor) ? stems[stemCursor] : nil
    }

    /// What play, export and the detail pane are about: the stem row's stem, else the sample.
    public var selectedPlayable: Playable? {
        if let stem = selectedStem { return .stem(stem) }
        return selected.map(Playable.sample)
    }

    /// The stem rows shown under the sample at a row: its finished stems when it is expanded.
    public func shownStems(at index: Int) -> [Stem] {
        guard let sample = list.sample(at: index), stems.expanded.contains(sample.id) else { return [] }
        return stems.finished(of: sample.id)
    }

    /// How many rows the list has now.
    public var rowCount: Int { list.rowCount }

    /// The settings with the sample selected now: what the app saves when it quits.
    public var rememberedSettings: AppSettings {
        var remembered = settings
        remembered.selected = selected?.id ?? settings.selected
        return remembered
    }

    /// The list's sort, direction, filters or starred-only changed: the settings keep them, and are saved.
    mutating func rememberListOrder() -> Effect {
        settings.sort = list.query.sort
        settings.reverse = list.query.reverse == true
        settings.starredOnly = list.query.starred == true
        settings.filters = Dialog.Filters(bpmMin: list.query.bpmMin, bpmMax: list.query.bpmMax, key: list.query.key,
                                          compatibleWith: list.query.compatibleWith, status: list.query.status)
        return .saveSettings(settings)
    }
}
