/// `?`: the live key map over the app (rebindings included), in one or two columns.
enum HelpOverlay {
    /// The lines of the help: `keys  what they do`.
    static func entries(_ state: AppState) -> [(keys: String, summary: String)] {
        let u = state.glyphs.isUnicode
        func keys(_ action: Action) -> String {
            let keys = state.keyMap.keys(for: action).map { $0.label(unicode: u) }.joined(separator: " ")
            return keys.isEmpty ? "(none)" : keys
        }
        // Opposite (or kindred) actions share a line, so the help fits a 24×80 terminal in two
        // columns: keep each summary within 23 characters and each line's keys within 11.
        let pairs: [Action: (second: Action, summary: String)] = [
            .down: (.up, "move down / up"), .sort: (.reverse, "sort: next / reverse"),
            .volumeUp: (.volumeDown, "volume up / down"), .next: (.previous, "play next / previous"),
            .markStart: (.markEnd, "region start / end"), .loop: (.snap, "loop / snap to beats"),
            .export: (.copyPath, "export / copy its path"), .stems: (.expand, "stems: ask / show"),
            .session: (.sync, "session / sync to it"), .delete: (.retry, "delete / retry failed"),
            .crate: (.crates, "add to a crate / crates"),
        ]
        let seconds = Set(pairs.values.map(\.second))
        var entries = Action.allCases.filter { !seconds.contains($0) }.map { action -> (String, String) in
            if let pair = pairs[action] { return ("\(keys(action)) / \(keys(pair.second))", pair.summary) }
            var summary = action.summary
            if action == .seekBack || action == .seekForward { summary += " \(SampleFormat.number(state.seekStep)) s" }
            if action == .seekBackFar || action == .seekForwardFar { summary += " \(SampleFormat.number(state.bigSeekStep)) s" }
            if action == .autoplay { summary += state.settings.autoplay ? " (on)" : " (off)" }
            return (keys(action), summary)
        }
        entries.append(("ctrl-c", "quit, always"))
        entries.append((u ? "0–9" : "0-9", "seek to 0-90 %"))
        entries.append(("esc", "clear region, search"))
        entries.append(("tab " + (u ? "↑↓" : "up down"), "dialog: next field"))
        entries.append(("space " + (u ? "←→" : "left right"), "stems: check, provider"))
        return entries
    }

    static func draw(_ state: AppState, into canvas: inout Canvas) {
        let entries = entries(state)
        let keysWidth = min(16, entries.map { TextFit.width($0.keys) }.max() ?? 8)
        let summaryWidth = min(24, entries.map { TextFit.width($0.summary) }.max() ?? 8)
        let entryWidth = keysWidth + 2 + summaryWidth
        let available = canvas.rows - 4
        let columns = entries.count <= available || canvas.cols < 2 * entryWidth + 7 ? 1 : 2
        let perColumn = (entries.count + columns - 1) / columns
        let box = canvas.centered(height: perColumn + 4, width: columns * entryWidth + (columns - 1) * 3 + 4)
        canvas.box(box, title: "keys", glyphs: state.glyphs)
        let inner = box.inset(by: 1)
        for (index, entry) in entries.enumerated() {
            let column = index / perColumn
            let row = inner.row + index % perColumn
            guard row < inner.bottom - 1 else { continue }
            let col = inner.col + 1 + column * (entryWidth + 3)
            canvas.field(entry.keys, row: row, col: col, width: keysWidth, style: .accent, clip: inner)
            canvas.field(entry.summary, row: row, col: col + keysWidth + 2, width: summaryWidth, style: .dialog, clip: inner)
        }
        canvas.field("any key closes", row: inner.bottom - 1, col: inner.col + 1, width: inner.width - 2, style: .dim, clip: inner)
    }
}
