import Model

/// The collections panel over the app: one line per collection (its source, a progress bar,
/// done/total, failures, credits), the items of the expanded one under it, and the keys.
enum CollectionsView {
    static func draw(_ panel: CollectionsPanel, state: AppState, into canvas: inout Canvas) {
        let g = state.glyphs
        guard let inner = canvas.panel(title: "collections", glyphs: g) else { return }
        var lines = lines(panel, width: inner.width - 2)
        if let error = panel.error { lines.insert(.message(error, .error), at: 0) }
        let listHeight = inner.height - 1
        // Keep the cursor's line in view.
        let cursorLine = lines.firstIndex { if case .collection(_, true) = $0 { return true }; return false } ?? 0
        let first = max(0, min(cursorLine - listHeight / 2, lines.count - listHeight))
        for (offset, line) in lines.dropFirst(first).prefix(listHeight).enumerated() {
            draw(line, row: inner.row + offset, in: inner, glyphs: g, into: &canvas)
        }
        let keys = state.keyMap
        let u = g.isUnicode
        let hint = "\(keys.label(.down, unicode: u))/\(keys.label(.up, unicode: u)) move \(g.dot) enter items \(g.dot) "
            + "\(keys.label(.add, unicode: u)) add \(g.dot) \(keys.label(.refresh, unicode: u)) refresh \(g.dot) esc close"
        canvas.field(hint, row: inner.bottom - 1, col: inner.col + 1, width: inner.width - 2, style: .dim, clip: inner)
    }

    /// One line of the panel.
    enum Line {
        case collection(SampleCollection, Bool)
        case item(SampleCollectionItem)
        case message(String, Style)
    }

    static func lines(_ panel: CollectionsPanel, width: Int) -> [Line] {
        guard let collections = panel.collections else { return [.message("loading…", .dim)] }
        guard !collections.isEmpty else {
            return [.message("No collections yet. Press a to add URLs or @creator as one batch.", .dim)]
        }
        var lines: [Line] = []
        for (index, collection) in collections.enumerated() {
            lines.append(.collection(collection, index == panel.cursor))
            guard index == panel.cursor, let expanded = panel.expanded, expanded.id == collection.id else { continue }
            let items = expanded.items ?? []
            lines += items.map(Line.item)
            if items.isEmpty { lines.append(.message("  (no items)", .dim)) }
        }
        return lines
    }

    private static func draw(_ line: Line, row: Int, in inner: Rect, glyphs g: Glyphs, into canvas: inout Canvas) {
        let col = inner.col + 1
        let width = inner.width - 2
        switch line {
        case .message(let text, let style):
            canvas.field(SampleFormat.oneLine(text), row: row, col: col, width: width, style: style, clip: inner)
        case .collection(let collection, let isCursor):
            let p = collection.progress
            let barWidth = width >= 90 ? 20 : 10
            let tail = "\(p.completed + p.failed + p.cancelled)/\(p.total)"
                + (p.failed > 0 ? " \(p.failed) failed" : "") + (p.cancelled > 0 ? " \(p.cancelled) cancelled" : "")
                + "  \(collection.creditsCharged - collection.creditsRefunded) cr"
            let tailWidth = 30
            let sourceWidth = max(8, width - barWidth - tailWidth - 14)
            let style: Style = isCursor ? .selected : .dialog
            if isCursor { canvas.fill(Rect(row: row, col: inner.col, height: 1, width: inner.width), style: .selected) }
            canvas.field((isCursor ? "> " : "  ") + SampleFormat.oneLine(source(collection)),
                         row: row, col: col, width: sourceWidth, style: style, clip: inner)
            var x = col + sourceWidth + 1
            let status = collection.status == .finished ? "finished" : "running"
            canvas.field(status, row: row, col: x, width: 10, style: collection.status == .finished ? .success : .warning, clip: inner)
            x += 11
            ProgressBar.draw(p.fraction, failed: p.failed > 0 && p.completed == 0 && collection.status == .finished,
                             row: row, col: x, width: min(barWidth, max(0, inner.right - x)), glyphs: g, into: &canvas)
            x += barWidth + 1
            canvas.field(tail, row: row, col: x, width: max(0, inner.right - 1 - x), style: style, clip: inner)
        case .item(let item):
            let status = switch item.status {
            case .completed: "ready"
            case .pending, .processing: "working"
            case .failed: "failed"
            case .cancelled: "cancelled"
            }
            let statusStyle: Style = switch item.status {
            case .completed: .success
            case .failed: .error
            case .cancelled: .dim
            case .pending, .processing: .warning
            }
            let urlWidth = max(10, width / 2)
            canvas.field("    \(item.position + 1). " + SampleFormat.oneLine(SampleFormat.shortSource(item.url)),
                         row: row, col: col, width: urlWidth, style: .dialog, clip: inner)
            canvas.field(status, row: row, col: col + urlWidth + 1, width: 11, style: statusStyle, clip: inner)
            let detail = item.error.map(\.shown) ?? ""
            canvas.field(SampleFormat.oneLine(detail), row: row, col: col + urlWidth + 13,
                         width: max(0, width - urlWidth - 13), style: .error, clip: inner)
        }
    }

    /// What a collection is of: `@creator's posts` or its first URL and how many more.
    static func source(_ collection: SampleCollection) -> String {
        if let user = collection.tiktokUser { return "@\(user)'s posts" }
        let count = collection.progress.total
        guard let first = collection.items?.first else { return "\(count) URL\(count == 1 ? "" : "s")" }
        return SampleFormat.shortSource(first.url) + (count > 1 ? " +\(count - 1)" : "")
    }
}
