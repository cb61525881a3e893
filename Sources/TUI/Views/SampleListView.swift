import Model

/// The sample list: column titles, one row per sample (title and creator, duration, BPM, key
/// with its Camelot code, status), the mark of the sample playing, and a scrollbar.
enum SampleListView {
    /// The columns for a list `width` wide: title, duration, bpm, key, status (the status
    /// narrows to one character in a narrow list).
    struct Columns {
        let mark = 2
        let duration = 5
        let bpm = 4
        let key = 7
        let status: Int
        let title: Int

        init(width: Int) {
            status = width >= 64 ? 7 : 1
            // mark, the four fixed columns with a space each, the scrollbar.
            title = max(1, width - mark - (duration + 1) - (bpm + 1) - (key + 1) - (status + 1) - 1)
        }
    }

    static func draw(_ state: AppState, into canvas: inout Canvas, rect: Rect) {
        guard !rect.isEmpty else { return }
        canvas.fill(rect)
        let columns = Columns(width: rect.width)
        drawTitles(columns, state: state, into: &canvas, rect: rect)
        let body = Rect(row: rect.row + 1, col: rect.col, height: rect.height - 1, width: rect.width)
        guard let total = state.total else {
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
        for line in 0..<body.height {
            let index = state.scroll + line
            guard index < total else { break }
            drawRow(index, state: state, columns: columns, into: &canvas, row: body.row + line, rect: body)
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
        canvas.field(c.status > 1 ? "status" : "", row: row, col: col, width: c.status, style: .bold)
    }

    private static func drawRow(_ index: Int, state: AppState, columns c: Columns, into canvas: inout Canvas,
                                row: Int, rect: Rect) {
        let isCursor = index == state.cursor
        let width = rect.width - 1
        guard let sample = state.sample(at: index) else {
            canvas.field("  …", row: row, col: rect.col, width: width, style: isCursor ? .selected : .dim)
            return
        }
        let base: Style = isCursor ? .selected : .normal
        canvas.fill(Rect(row: row, col: rect.col, height: 1, width: width), style: base)
        var col = rect.col
        if sample.id == state.playingID, state.player.isActive {
            let mark = state.player.state == .paused ? state.glyphs.paused : state.glyphs.playing
            canvas.text(String(mark), row: row, col: col, width: 1, style: isCursor ? .selected : .playing)
        }
        col += c.mark
        let title = SampleFormat.title(sample)
        let creator = SampleFormat.creator(sample)
        let used = canvas.text(TextFit.fit(title, width: c.title).trimmingTrailingSpaces,
                               row: row, col: col, width: c.title, style: base)
        if !creator.isEmpty, used + 3 < c.title {
            canvas.text("  " + creator, row: row, col: col + used, width: c.title - used, style: isCursor ? .selected : .dim)
        }
        col += c.title + 1
        canvas.field(SampleFormat.clock(sample.duration), row: row, col: col, width: c.duration, style: base, alignRight: true)
        col += c.duration + 1
        canvas.field(SampleFormat.bpm(sample), row: row, col: col, width: c.bpm, style: base, alignRight: true)
        col += c.bpm + 1
        canvas.field(SampleFormat.key(sample), row: row, col: col, width: c.key, style: base)
        col += c.key + 1
        let status = c.status > 1 ? SampleFormat.status(sample.status) : statusMark(sample.status, glyphs: state.glyphs)
        canvas.field(status, row: row, col: col, width: c.status, style: isCursor ? .selected : statusStyle(sample.status))
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
        let top = span * min(state.scroll, maxScroll) / maxScroll
        for i in 0..<rect.height {
            let isThumb = i >= top && i < top + thumbHeight
            canvas.put(Cell(isThumb ? state.glyphs.thumb : state.glyphs.track, isThumb ? .accent : .border),
                       row: rect.row + i, col: rect.col)
        }
    }

    private static func emptyMessage(_ state: AppState) -> [String] {
        let q = state.query
        let filtered = q.search != nil || q.bpmMin != nil || q.bpmMax != nil || q.key != nil || q.compatibleWith != nil || q.status != nil
        let add = state.keyMap.label(.add, unicode: state.glyphs.isUnicode)
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
