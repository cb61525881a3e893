import Foundation
import Model

/// Everything the app shows and remembers, as plain values: no terminal, no I/O. `handle(_:)`
/// (in `AppState+Update.swift`) turns an event into the next state and the effects to run.
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

    /// The search, filters and sort of the list (its page and limit are unused).
    public var query = SampleQuery()
    /// The number of the current query; answers for older ones are dropped.
    public var generation = 0
    /// Samples per page requested.
    public static let pageSize = 200
    /// Loaded pages of the current query (or the last one, while `isStale`), by index from 0.
    public var pages: [Int: [Sample]] = [:]
    /// Pages asked for in this generation.
    public var requested: Set<Int> = []
    /// Pages that arrived in this generation.
    public var arrived: Set<Int> = []
    /// Whether `pages` and `total` still belong to the previous query (kept so the list stays on
    /// screen while the new answer is on its way).
    public var isStale = false
    /// How many samples match, once known.
    public var total: Int?
    /// The index of the row under the cursor.
    public var cursor = 0
    /// The index of the first row shown.
    public var scroll = 0
    /// Whether keys go to the search line.
    public var isTyping = false

    /// Waveform peaks loaded so far, by sample.
    public var peaks: [UUID: Peaks] = [:]
    /// Peaks asked for (or failed), so they are asked once.
    public var peaksRequested: Set<UUID> = []
    /// When the cursor came to rest on its row; nil once the rest was acted on.
    public var restingSince: Double?
    /// When autoplay plays the row the cursor rests on (a moment after its first segment was
    /// fetched); nil when nothing is due.
    public var autoplayAt: Double?
    /// The selection a reload keeps: the sample (and stem row) under the cursor before it, found
    /// again in the new rows (else the row nearest to where it was). Nil once placed.
    public var anchor: SelectionAnchor?
    /// The sample whose first segment was fetched last.
    public var preloaded: UUID?

    /// Whether sound can be played, and why not.
    public var audio: AudioState = .starting
    /// The sample the player has.
    public var playingID: UUID?
    /// The player's last status.
    public var player = PlaybackSnapshot()
    /// The gain the app asked for.
    public var volume = 1.0

    /// The jobs pane.
    public var jobs: [JobRow] = []
    /// Samples whose events are followed.
    public var watched: Set<UUID> = []
    /// When the pipeline's jobs were last asked for (they are asked for every few seconds, so
    /// jobs submitted elsewhere show up too).
    public var jobsLoadedAt: Double = 0

    /// The stem jobs of samples with their stems, by sample (loaded when the cursor rests on one).
    public var stemJobs: [UUID: [StemJob]] = [:]
    /// Samples whose stem jobs were asked for (or failed), so they are asked once.
    public var stemsRequested: Set<UUID> = []
    /// Samples whose finished stems are shown as rows under them.
    public var expanded: Set<UUID> = []
    /// The stem row under the cursor: an index into `shownStems(at: cursor)`; nil on the sample's row.
    public var stemCursor: Int?
    /// The first row shown is this stem row of the sample at `scroll`; nil when it is the sample's row.
    public var scrollStem: Int?

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
        for problem in problems { messageLog.append(StatusMessage(text: problem, isError: true, expires: nil), at: now) }
        if !problems.isEmpty {
            let count = problems.count > 1 ? "\(problems.count) problems, \(keyMap.label(.messages, unicode: glyphs.isUnicode)) lists them: " : ""
            message = StatusMessage(text: count + problems[0], isError: true, expires: nil)
        }
    }

    /// The bigger seek step of shift-←/→: five steps.
    public var bigSeekStep: Double { seekStep * 5 }

    /// The screen's layout for the current size and jobs.
    public var layout: Layout { Layout(rows: rows, cols: cols, jobCount: jobs.count) }

    /// The sample at a row, when its page is loaded.
    public func sample(at index: Int) -> Sample? {
        guard index >= 0, let page = pages[index / Self.pageSize] else { return nil }
        let offset = index % Self.pageSize
        return page.indices.contains(offset) ? page[offset] : nil
    }

    /// The sample under the cursor (the stem's sample on a stem row).
    public var selected: Sample? { sample(at: cursor) }

    /// The stem under the cursor, on a stem row.
    public var selectedStem: Stem? {
        guard let stemCursor else { return nil }
        let stems = shownStems(at: cursor)
        return stems.indices.contains(stemCursor) ? stems[stemCursor] : nil
    }

    /// What play, export and the detail pane are about: the stem row's stem, else the sample.
    public var selectedPlayable: Playable? {
        if let stem = selectedStem { return .stem(stem) }
        return selected.map(Playable.sample)
    }

    /// A sample's finished stems, newest request first, each request's in stem-type order.
    public func stems(of sampleID: UUID) -> [Stem] {
        (stemJobs[sampleID] ?? []).flatMap { $0.stems.filter { $0.status == .completed } }
    }

    /// The stem rows shown under the sample at a row: its finished stems when it is expanded.
    public func shownStems(at index: Int) -> [Stem] {
        guard let sample = sample(at: index), expanded.contains(sample.id) else { return [] }
        return stems(of: sample.id)
    }

    /// How many rows the list has now.
    public var rowCount: Int { total ?? 0 }
}
