/// The message log over the app: every status message, newest first, wrapped in full, with how
/// long ago it was shown (and `×3` when it came three times in a row).
enum MessagesView {
    static func draw(_ panel: MessagesPanel, state: AppState, into canvas: inout Canvas) {
        let g = state.glyphs
        guard let inner = canvas.panel(title: "messages", glyphs: g) else { return }
        let lines = lines(state, width: inner.width - 2)
        let height = inner.height - 1
        let first = min(panel.scroll, max(0, lines.count - height))
        for (offset, line) in lines.dropFirst(first).prefix(height).enumerated() {
            canvas.field(line.text, row: inner.row + offset, col: inner.col + 1, width: inner.width - 2, style: line.style, clip: inner)
        }
        let u = g.isUnicode
        let keys = state.keyMap
        let more = lines.count > height ? "\(keys.label(.down, unicode: u))/\(keys.label(.up, unicode: u)) scroll \(g.dot) " : ""
        canvas.field("\(more)esc close", row: inner.bottom - 1, col: inner.col + 1, width: inner.width - 2, style: .dim, clip: inner)
    }

    /// The wrapped lines of the log, newest message first.
    static func lines(_ state: AppState, width: Int) -> [(text: String, style: Style)] {
        let entries = state.messageLog.entries
        guard !entries.isEmpty else { return [("No messages yet.", .dim)] }
        var lines: [(String, Style)] = []
        for entry in entries.reversed() {
            let when = ago(state.now - entry.at) + (entry.count > 1 ? " ×\(entry.count)" : "")
            let head = TextFit.fit(when, width: 10) + " "
            let wrapped = TextFit.wrap(entry.text, width: max(1, width - 11))
            for (index, line) in wrapped.enumerated() {
                lines.append(((index == 0 ? head : String(repeating: " ", count: 11)) + line, entry.isError ? .error : .dialog))
            }
        }
        return lines
    }

    /// `now`, `12 s ago`, `3 min ago`, `2 h ago`.
    static func ago(_ seconds: Double) -> String {
        let s = Int(max(0, seconds))
        switch s {
        case ..<2: return "now"
        case ..<60: return "\(s) s ago"
        case ..<3600: return "\(s / 60) min ago"
        default: return "\(s / 3600) h ago"
        }
    }
}
