import Foundation
import Model

/// The rows of the list: one per sample, and under an expanded sample one per finished stem.
/// The cursor and the first row shown are a sample's index (`cursor`, `scroll`) and, on a stem
/// row, the index of the stem under it (`stemCursor`, `scrollStem`), all in `ListState`.
extension AppState {
    /// A row of the list: a sample's, or the `stem`th stem row under it.
    struct ListRow: Comparable, Sendable {
        /// The sample's index.
        var sample: Int
        /// The stem's index under it; nil for the sample's own row.
        var stem: Int?

        static func < (a: ListRow, b: ListRow) -> Bool {
            (a.sample, a.stem ?? -1) < (b.sample, b.stem ?? -1)
        }
    }

    /// The row under the cursor.
    var cursorRow: ListRow { ListRow(sample: list.cursor, stem: list.stemCursor) }

    /// The first row shown.
    var scrollRow: ListRow {
        get { ListRow(sample: list.scroll, stem: list.scrollStem) }
        set { list.scroll = newValue.sample; list.scrollStem = newValue.stem }
    }

    /// The row after `row`, nil at the end of the list.
    func row(after row: ListRow) -> ListRow? {
        let next = (row.stem ?? -1) + 1
        if next < shownStems(at: row.sample).count { return ListRow(sample: row.sample, stem: next) }
        return row.sample + 1 < rowCount ? ListRow(sample: row.sample + 1) : nil
    }

    /// The row before `row`, nil at the top.
    func row(before row: ListRow) -> ListRow? {
        if let stem = row.stem { return ListRow(sample: row.sample, stem: stem > 0 ? stem - 1 : nil) }
        guard row.sample > 0 else { return nil }
        let stems = shownStems(at: row.sample - 1).count
        return ListRow(sample: row.sample - 1, stem: stems > 0 ? stems - 1 : nil)
    }

    /// The rows on screen, from the first one shown.
    func shownRows(_ count: Int) -> [ListRow] {
        var rows: [ListRow] = []
        var row: ListRow? = rowCount > 0 ? scrollRow : nil
        while let current = row, rows.count < count {
            rows.append(current)
            row = self.row(after: current)
        }
        return rows
    }

    /// The row `lines` rows above `row` (or the first row).
    private func row(_ lines: Int, before row: ListRow) -> ListRow {
        var row = row
        for _ in 0..<max(0, lines) {
            guard let previous = self.row(before: row) else { break }
            row = previous
        }
        return row
    }

    /// Whether `row` is among the `height` rows shown from the first one.
    private func isShown(_ row: ListRow, height: Int) -> Bool {
        let top = scrollRow
        guard row >= top, row.sample - top.sample < height else { return false }
        var current = top
        for _ in 0..<height {
            if current == row { return true }
            guard let next = self.row(after: current) else { return false }
            current = next
        }
        return false
    }

    /// Scrolls so the cursor's row is shown and the screen holds as many rows as it can; a stem
    /// index no longer shown (its sample collapsed, its stems reloaded) goes back to the sample.
    mutating func keepCursorVisible() {
        if let stem = list.stemCursor, stem >= shownStems(at: list.cursor).count { list.stemCursor = nil }
        if let stem = list.scrollStem, stem >= shownStems(at: list.scroll).count { list.scrollStem = nil }
        guard rowCount > 0 else { scrollRow = ListRow(sample: 0); return }
        let height = layout.visibleRows
        if cursorRow < scrollRow {
            scrollRow = cursorRow
        } else if !isShown(cursorRow, height: height) {
            scrollRow = row(height - 1, before: cursorRow)
        }
        let lastSample = rowCount - 1
        let lastStems = shownStems(at: lastSample).count
        let lowest = row(height - 1, before: ListRow(sample: lastSample, stem: lastStems > 0 ? lastStems - 1 : nil))
        if scrollRow > lowest { scrollRow = lowest }
    }

    /// `j`/`k`: the next or previous row, stem rows included.
    mutating func moveRow(by delta: Int) -> [Effect] {
        guard let target = delta > 0 ? row(after: cursorRow) : row(before: cursorRow) else { return [] }
        return moveCursor(to: target.sample, stem: target.stem)
    }

    /// `e`: shows or hides the stems of the sample under the cursor (loading them if needed).
    mutating func toggleExpanded() -> [Effect] {
        guard let sample = selected else { return [] }
        if stems.expanded.contains(sample.id) {
            stems.expanded.remove(sample.id)
            return moveCursor(to: list.cursor, stem: nil)
        }
        let stemKey = keyMap.label(.stems, unicode: glyphs.isUnicode)
        guard sample.status == .completed else {
            show(info: "\(SampleFormat.title(sample)) has no stems: it is \(SampleFormat.status(sample.status))")
            return []
        }
        stems.expanded.insert(sample.id)
        if let jobs = stems.jobs[sample.id] {
            if stems.finished(of: sample.id).isEmpty {
                let running = jobs.contains { !$0.isFinal }
                show(info: running ? "its stems are on their way (the jobs pane follows them)"
                     : "\(SampleFormat.title(sample)) has no stems yet: \(stemKey) asks for some")
            }
            keepCursorVisible()
            return []
        }
        stems.requested.insert(sample.id)
        return [.loadStems(sample.id)]
    }
}
