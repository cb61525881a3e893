/// The jobs pane: one line per submission or job (source, step, progress bar, %, message),
/// under a rule with the count.
enum JobsView {
    static func draw(_ state: AppState, into canvas: inout Canvas, rect: Rect) {
        guard !rect.isEmpty else { return }
        canvas.fill(rect)
        let g = state.glyphs
        let running = state.jobs.rows.filter { $0.state == .active }.count
        let title = "\(g.horizontal) jobs" + (running > 0 ? " (\(running) running) " : " ")
        canvas.text(title + String(repeating: g.horizontal, count: max(0, rect.width - TextFit.width(title))),
                    row: rect.row, col: rect.col, width: rect.width, style: .border)
        guard rect.height > 1 else { return }
        if state.jobs.rows.isEmpty {
            canvas.text(" no jobs \(g.dot.trimmingCharacters(in: .whitespaces)) \(state.keyMap.label(.add, unicode: g.isUnicode)) adds a URL",
                        row: rect.row + 1, col: rect.col, width: rect.width, style: .dim)
            return
        }
        let sourceWidth = max(10, min(40, rect.width / 3))
        let barWidth = rect.width >= 100 ? 20 : 12
        for (index, job) in state.jobs.rows.prefix(rect.height - 1).enumerated() {
            let row = rect.row + 1 + index
            var col = rect.col + 1
            canvas.field(SampleFormat.oneLine(SampleFormat.shortSource(job.source)), row: row, col: col, width: sourceWidth)
            col += sourceWidth + 1
            let stepStyle: Style = job.state == .failed ? .error : (job.state == .done ? .success : .warning)
            let step = job.state == .failed ? "failed" : job.step
            canvas.field(step, row: row, col: col, width: 9, style: stepStyle)
            col += 10
            ProgressBar.draw(job.progress, failed: job.state == .failed, row: row, col: col, width: barWidth, glyphs: g, into: &canvas)
            col += barWidth + 1
            canvas.field("\(Int((job.progress * 100).rounded(.down)))%", row: row, col: col, width: 4, alignRight: true)
            col += 6
            canvas.field(SampleFormat.oneLine(job.message), row: row, col: col, width: rect.right - col,
                         style: job.state == .failed ? .error : .dim)
        }
    }
}
