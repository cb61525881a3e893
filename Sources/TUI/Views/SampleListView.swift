import Foundation
import Model

/// The sample list: column titles, one row per sample (title and creator, duration, BPM, key
/// with its Camelot code, whether it has stems, status), under an expanded sample a row per
/// finished stem, the mark of what is playing, and a scrollbar.
enum SampleListView {
    /// The columns for a list `width` wide: title, duration, bpm, key, stems, status (the status
    /// narrows to one character in a narrow list).
    struct Columns {
        let mark = 2
        let duration = 5
        let bpm = 4
        let key = 7
        let stems = 1
        let status: Int
        let title: Int

        /// `similar`: the list shows neighbours, whose similarity (`100%`) needs 4 columns even
        /// where a status narrows to one character.
        init(width: Int, similar: Bool = false) {
            status = width >= 64 ? 7 : (similar ? 4 : 1)
            // mark, the five fixed columns with a space each, the scrollbar.
            title = max(1, width - mark - (duration + 1) - (bpm + 1) - (key + 1) - (stems + 1) - (status + 1) - 1)
        }
    }

    static func draw(_ state: AppState, into canvas: inout Canvas, rect: Rect) {
        guard !rect.isEmpty else { return }
        canvas.fill(rect)
        let columns = Columns(width: rect.width, similar: state.list.similar != nil)
        drawTitles(columns, state: state, into: &canvas, rect: rect)
        let body = Rect(row: rect.row + 1, col: rect.col, height: rect.height - 1, width: rect.width)
        guard let total = state.list.total else {
            canvas.text(state.message?.isError == true ? "  The list could not be loaded (r tries again)." : "  Loading…",
                        row: body.row, col: body.col, width: body.width, style: .dim)
            return
        }
        if total == 0 {
            emptyMessage(state).enumerated().forEach { index, line in
                canvas.text("  " + line, row: body.row + index, col: body.col, width: body.width, style: .dim, clip: body)
            }
            return
        }
        for (line, row) in state.shownRows(body.height).enumerated() {
            if let stem = row.stem {
                drawStemRow(row.sample, stem: stem, state: state, columns: columns, into: &canvas, row: body.row + line, rect: body)
            } else {
                drawRow(row.sample, state: state, columns: columns, into: &canvas, row: body.row + line, rect: body)
            }
        }
        drawScrollbar(state, total: total, into: &canvas, rect: Rect(row: body.row, col: rect.right - 1, height: body.height, width: 1))
    }

    private static func drawTitles(_ c: Columns, state: AppState, into canvas: inout Canvas, rect: Rect) {
        var col = rect.col + c.mark
        let row = rect.row
        canvas.field("title / creator", row: row, col: col, width: c.title, style: .bold)
        col += c.title + 1
        canvas.field("dur", row: row, col: col, width: c.duration, style: .bold, alignRight: true)
        col += c.duration + 1
        canvas.field("bpm", row: row, col: col, width: c.bpm, style: .bold, alignRight: true)
        col += c.bpm + 1
        canvas.field("key", row: row, col: col, width: c.key, style: .bold)
        col += c.key + 1
        canvas.field(state.glyphs.isUnicode ? "▸" : ">", row: row, col: col, width: c.stems, style: .bold)
        col += c.stems + 1
        // Neighbours (`m`) show how similar each is where the status is (they are all ready).
        let last = state.list.similar == nil ? "status" : c.status >= 7 ? "similar" : "sim"
        canvas.field(c.status > 1 ? last : "", row: row, col: col, width: c.status, style: .bold)
    }

    /// What one row shows, a sample's or a stem's.
    private struct RowContent {
        let id: UUID
        let title: String
        let titleStyle: Style?
        let aside: String
        let duration: Double?
        let bpm: String
        let key: String
        let stemsMark: String
        let status: String
        let statusStyle: Style
        /// Whether the user starred it (a mark beside the playing one).
        var starred = false
    }

    /// A sample's row: title and creator, duration, BPM, key, `▸`/`▾` when it has stems, status.
    private static func drawRow(_ index: Int, state: AppState, columns c: Columns, into canvas: inout Canvas,
                                row: Int, rect: Rect) {
        let isCursor = index == state.list.cursor && state.list.stemCursor == nil
        guard let sample = state.sample(at: index) else {
            canvas.field("  …", row: row, col: rect.col, width: rect.width - 1, style: isCursor ? .selected : .dim)
            return
        }
        var mark = ""
        if !state.stems.finished(of: sample.id).isEmpty {
            let open = state.stems.expanded.contains(sample.id)
            mark = state.glyphs.isUnicode ? (open ? "▾" : "▸") : (open ? "v" : ">")
        }
        let content = RowContent(
            id: sample.id, title: SampleFormat.title(sample), titleStyle: nil, aside: SampleFormat.creator(sample).isEmpty ? "" : "  " + SampleFormat.creator(sample),
            duration: sample.duration, bpm: SampleFormat.bpm(sample), key: SampleFormat.key(sample, state.settings.notation), stemsMark: mark,
            status: similarity(of: sample, state: state, width: c.status)
                ?? (c.status > 1 ? SampleFormat.status(sample.status) : statusMark(sample.status, glyphs: state.glyphs)),
            statusStyle: state.list.similar != nil ? .accent : statusStyle(sample.status), starred: state.crates.isStarred(sample.id))
        draw(content, isCursor: isCursor, state: state, columns: c, into: &canvas, row: row, rect: rect)
    }

    /// A neighbour's similarity as the column shows it (`87%`), when the list shows neighbours
    /// and the column is wide enough.
    static func similarity(of sample: Sample, state: AppState, width: Int) -> String? {
        guard width > 1, let value = state.list.similar?.similarities[sample.id] else { return nil }
        return "\(Int((value * 100).rounded()))%"
    }

    /// A stem row under its sample: `└ drum (estimate)`, its duration, BPM, key, and `stem`.
    private static func drawStemRow(_ index: Int, stem stemIndex: Int, state: AppState, columns c: Columns,
                                    into canvas: inout Canvas, row: Int, rect: Rect) {
        let stems = state.shownStems(at: index)
        guard stems.indices.contains(stemIndex) else { return }
        let stem = stems[stemIndex]
        let branch = state.glyphs.isUnicode ? (stemIndex == stems.count - 1 ? "└ " : "├ ") : "  - "
        let content = RowContent(
            id: stem.id, title: branch + stem.type.displayName, titleStyle: .accent, aside: stem.estimate ? " (estimate)" : "",
            duration: stem.duration, bpm: SampleFormat.bpm(stem), key: SampleFormat.key(stem, state.settings.notation), stemsMark: "",
            status: c.status > 1 ? "stem" : " ", statusStyle: .dim)
        draw(content, isCursor: index == state.list.cursor && state.list.stemCursor == stemIndex, state: state, columns: c,
             into: &canvas, row: row, rect: rect)
    }

    private static func draw(_ content: RowContent, isCursor: Bool, state: AppState, columns c: Columns,
                             into canvas: inout Canvas, row: Int, rect: Rect) {
        let base: Style = isCursor ? .selected : .normal
        canvas.fill(Rect(row: row, col: rect.col, height: 1, width: rect.width - 1), style: base)
        var col = rect.col
        if content.id == state.playback.playingID, state.playback.player.isActive {
            let mark = state.playback.player.state == .paused ? state.glyphs.paused : state.glyphs.playing
            canvas.text(String(mark), row: row, col: col, width: 1, style: isCursor ? .selected : .playing)
        }
        if content.starred {
            canvas.text(state.glyphs.isUnicode ? "★" : "*", row: row, col: col + 1, width: 1, style: isCursor ? .selected : .accent)
        }
        col += c.mark
        let used = canvas.text(TextFit.fit(content.title, width: c.title).trimmingTrailingSpaces,
                               row: row, col: col, width: c.title, style: isCursor ? base : content.titleStyle ?? base)
        if !content.aside.isEmpty, used + 3 < c.title {
            canvas.text(content.aside, row: row, col: col + used, width: c.title - used, style: isCursor ? .selected : .dim)
        }
        col += c.title + 1
        canvas.field(DurationText.clock(content.duration), row: row, col: col, width: c.duration, style: base, alignRight: true)
        col += c.duration + 1
        canvas.field(content.bpm, row: row, col: col, width: c.bpm, style: base, alignRight: true)
        col += c.bpm + 1
        canvas.field(content.key, row: row, col: col, width: c.key, style: base)
        col += c.key + 1
        canvas.field(content.stemsMark, row: row, col: col, width: c.stems, style: isCursor ? .selected : .accent)
        col += c.stems + 1
        canvas.field(content.status, row: row, col: col, width: c.status, style: isCursor ? .selected : content.statusStyle)
    }

    static func statusStyle(_ status: SampleStatus) -> Style {
        switch status {
        case .completed: return .success
        case .pending, .processing: return .warning
        case .failed: return .error
        }
    }

    private static func statusMark(_ status: SampleStatus, glyphs: Glyphs) -> String {
        switch status {
        case .completed: return " "
        case .pending, .processing: return glyphs.isUnicode ? "…" : "."
        case .failed: return glyphs.isUnicode ? "✗" : "x"
        }
    }

    private static func drawScrollbar(_ state: AppState, total: Int, into canvas: inout Canvas, rect: Rect) {
        guard rect.height > 0, total > rect.height else { return }
        let thumbHeight = max(1, rect.height * rect.height / total)
        let span = rect.height - thumbHeight
        let maxScroll = max(1, total - rect.height)
        let top = span * min(state.list.scroll, maxScroll) / maxScroll
        for i in 0..<rect.height {
            let isThumb = i >= top && i < top + thumbHeight
            canvas.put(Cell(isThumb ? state.glyphs.thumb : state.glyphs.track, isThumb ? .accent : .border),
                       row: rect.row + i, col: rect.col)
        }
    }

    private static func emptyMessage(_ state: AppState) -> [String] {
        let q = state.list.query
        let filtered = q.search != nil || q.bpmMin != nil || q.bpmMax != nil || q.key != nil || q.compatibleWith != nil || q.status != nil
        let add = state.keyMap.label(.add, unicode: state.glyphs.isUnicode)
        if state.list.similar != nil {
            return ["No neighbour\(filtered ? " passes the filters" : "").", "tab tries another aspect; esc goes back."]
        }
        if filtered {
            return ["No sample matches.",
                    "esc clears the search; \(state.keyMap.label(.filters, unicode: state.glyphs.isUnicode)) changes the filters."]
        }
        return ["The library is empty.", "Press \(add) to add a URL\(state.isLocal ? " or a file" : "")."]
    }
}

extension String {
    /// The string without spaces at its end.
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
