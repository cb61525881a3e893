import Foundation
import Model

/// The crates panel over the app: one line per crate (name, count), or the open crate's samples
/// in order (place, title, duration, BPM, key), and the keys.
enum CratesView {
    static func draw(_ panel: CratesPanel, state: AppState, into canvas: inout Canvas) {
        let g = state.glyphs
        let title = panel.open.map { "crate: \($0.name)" } ?? "crates"
        guard let inner = canvas.panel(title: title, glyphs: g) else { return }
        var lines = lines(panel, state: state)
        if let error = panel.error { lines.insert((error, .error, false), at: 0) }
        let listHeight = inner.height - 1
        let cursorLine = lines.firstIndex { $0.isCursor } ?? 0
        let first = max(0, min(cursorLine - listHeight / 2, lines.count - listHeight))
        for (offset, line) in lines.dropFirst(first).prefix(listHeight).enumerated() {
            let row = inner.row + offset
            if line.isCursor { canvas.fill(Rect(row: row, col: inner.col, height: 1, width: inner.width), style: .selected) }
            canvas.field(line.text, row: row, col: inner.col + 1, width: inner.width - 2, style: line.isCursor ? .selected : line.style, clip: inner)
        }
        let u = g.isUnicode
        let keys = state.keyMap
        let move = "\(keys.label(.down, unicode: u))/\(keys.label(.up, unicode: u)) move \(g.dot) "
        let delete = keys.label(.delete, unicode: u)
        let hint = panel.open == nil
            ? move + "enter open \(g.dot) n rename \(g.dot) \(keys.label(.export, unicode: u)) export \(g.dot) \(delete) \(delete) delete \(g.dot) esc close"
            : move + "J/K move the sample down/up \(g.dot) \(delete) take it out \(g.dot) \(keys.label(.export, unicode: u)) export \(g.dot) esc back"
        canvas.field(hint, row: inner.bottom - 1, col: inner.col + 1, width: inner.width - 2, style: .dim, clip: inner)
    }

    /// The panel's lines: text, style, whether the cursor is on it.
    static func lines(_ panel: CratesPanel, state: AppState) -> [(text: String, style: Style, isCursor: Bool)] {
        if let open = panel.open {
            let items = open.items ?? []
            guard !items.isEmpty else {
                return [("This crate is empty: + on a sample in the list adds it here.", .dim, false)]
            }
            let width = String(items.count).count
            return items.enumerated().map { index, item in
                let sample = item.sample
                let place = String(repeating: " ", count: max(0, width - String(item.position).count)) + String(item.position)
                let text = "\(place). \(SampleFormat.oneLine(SampleFormat.title(sample)))  \(DurationText.clock(sample.duration))  "
                    + "\(SampleFormat.bpm(sample)) BPM  \(SampleFormat.key(sample, state.settings.notation))"
                return (text, .dialog, index == panel.itemCursor)
            }
        }
        guard !state.crates.list.isEmpty else {
            return [("No crates yet: + on a sample in the list puts it in a new one.", .dim, false)]
        }
        return state.crates.list.enumerated().map { index, crate in
            var text = "\(SampleFormat.oneLine(crate.name))  \(crate.count) sample\(crate.count == 1 ? "" : "s")"
            if panel.confirmingDelete == crate.id {
                text += "  \(state.keyMap.label(.delete, unicode: state.glyphs.isUnicode)) again deletes it (its samples stay)"
            }
            return (text, panel.confirmingDelete == crate.id ? .warning : .dialog, index == panel.cursor)
        }
    }
}
