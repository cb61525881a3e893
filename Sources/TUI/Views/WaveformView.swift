import Model

/// The waveform of a sample, drawn from its peaks as bars of block characters (`▁`…`█`, or
/// `.-=#` in ASCII) over several rows, the part already played in another style, and below it
/// a position line with the playhead and the time.
enum WaveformView {
    /// The loudness of each of `columns` columns, 0–1, normalised to the loudest.
    static func amplitudes(_ peaks: Peaks, columns: Int) -> [Double] {
        guard columns > 0 else { return [] }
        // The coarsest level with at least one bin per column, else the finest there is.
        let levels = peaks.levels.filter { $0.binCount > 0 }
        guard let level = levels.filter({ $0.binCount >= columns }).min(by: { $0.binCount < $1.binCount })
                ?? levels.max(by: { $0.binCount < $1.binCount }) else { return Array(repeating: 0, count: columns) }
        let bins = level.binCount
        var values = [Double](repeating: 0, count: columns)
        for column in 0..<columns {
            let start = column * bins / columns
            let end = max(start + 1, (column + 1) * bins / columns)
            var peak: Float = 0
            for i in start..<min(end, bins) {
                peak = Swift.max(peak, Swift.max(abs(level.max[i]), abs(level.min[i])))
            }
            values[column] = peak.isFinite ? Double(peak) : 0
        }
        let loudest = values.max() ?? 0
        return loudest > 0 ? values.map { min(1, $0 / loudest) } : values
    }

    /// The columns of `rect.width` that a region's ends (0–1 of the length; either may be
    /// missing while it is being marked) fall in: from the start's column to the end's, or the
    /// one column of the end marked so far.
    static func columns(of marks: (start: Double?, end: Double?), width: Int) -> ClosedRange<Int>? {
        func column(_ fraction: Double) -> Int { min(width - 1, max(0, Int((fraction * Double(width)).rounded(.down)))) }
        guard width > 0 else { return nil }
        switch (marks.start.map(column), marks.end.map { column(max(0, $0 - 1e-9)) }) {
        case let (start?, end?): return min(start, end)...max(start, end)
        case let (start?, nil): return start...start
        case let (nil, end?): return end...end
        case (nil, nil): return nil
        }
    }

    /// Draws the bars into `rect`; columns left of `playhead` (0–1, nil when not playing) are
    /// played; the columns of `region` (not yet played) stand out.
    static func draw(_ peaks: Peaks, playhead: Double?, region: ClosedRange<Int>? = nil, glyphs: Glyphs, into canvas: inout Canvas, rect: Rect) {
        guard !rect.isEmpty else { return }
        let values = amplitudes(peaks, columns: rect.width)
        let head = playhead.map { Int(($0 * Double(rect.width)).rounded(.down)) }
        for (column, value) in values.enumerated() {
            let eighths = Int((value * Double(rect.height * 8)).rounded())
            let unplayed: Style = region?.contains(column) == true ? .region : .wave
            let style: Style = head.map { column < $0 ? .wavePlayed : (column == $0 ? .accent : unplayed) } ?? unplayed
            for line in 0..<rect.height {
                let fill = min(8, max(0, eighths - line * 8))
                // A silent column still shows a floor, so the length of the clip reads.
                let level = line == 0 ? max(1, fill) : fill
                canvas.put(Cell(glyphs.levels[level], style), row: rect.bottom - 1 - line, col: rect.col + column)
            }
        }
    }

    /// The region's marks on the row under the position line, over the beats: `[` at the start's
    /// column and `]` at the end's, a line between them once both are set.
    static func drawMarks(_ marks: (start: Double?, end: Double?), columns: ClosedRange<Int>, glyphs: Glyphs, into canvas: inout Canvas,
                          row: Int, col: Int) {
        if marks.start != nil, marks.end != nil, columns.count > 2 {
            let line = String(repeating: glyphs.lineTodo, count: columns.count - 2)
            canvas.text(line, row: row, col: col + columns.lowerBound + 1, width: columns.count - 2, style: .accent)
        }
        if marks.start != nil { canvas.put(Cell("[", .accent), row: row, col: col + columns.lowerBound) }
        if marks.end != nil { canvas.put(Cell("]", .accent), row: row, col: col + columns.upperBound) }
    }

    /// The beat grid on the row under the position line, at the columns the waveform gives the
    /// beats: a bar line at each downbeat and a dot at the other beats (the downbeats alone when
    /// the beats are closer than two columns).
    static func drawBeats(_ grid: BeatGrid, duration: Double?, glyphs: Glyphs, into canvas: inout Canvas,
                          row: Int, col: Int, width: Int) {
        guard let duration, duration > 0, width > 0, !grid.beats.isEmpty else { return }
        let columnsPerBeat = Double(width) / Double(grid.beats.count)
        let (bar, beat): (Character, Character) = glyphs.isUnicode ? ("╹", "·") : ("|", ".")
        var line = [Character](repeating: " ", count: width)
        for (index, position) in grid.beats.enumerated() {
            let seconds = Double(position) / Double(BeatGrid.sampleRate)
            let column = Int((seconds / duration * Double(width)).rounded(.down))
            guard column >= 0, column < width else { continue }
            if grid.isDownbeat(at: index) {
                line[column] = bar
            } else if columnsPerBeat >= 2, line[column] == " " {
                line[column] = beat
            }
        }
        canvas.text(String(line), row: row, col: col, width: width, style: .dim)
    }

    /// The position line: `━━━━╸──── 0:04/0:12`.
    static func drawPosition(position: Double, duration: Double?, active: Bool, glyphs: Glyphs,
                             into canvas: inout Canvas, row: Int, col: Int, width: Int) {
        let time = " \(DurationText.clock(active ? position : 0))/\(DurationText.clock(duration))"
        let barWidth = width - TextFit.width(time)
        guard barWidth >= 3 else {
            canvas.field(time.trimmingCharacters(in: .whitespaces), row: row, col: col, width: width, style: .dim)
            return
        }
        let fraction = active ? min(1, max(0, position / max(0.001, duration ?? 0))) : 0
        let done = Int((fraction * Double(barWidth - 1)).rounded(.down))
        var line = String(repeating: glyphs.lineDone, count: done)
        line.append(glyphs.lineHead)
        line += String(repeating: glyphs.lineTodo, count: barWidth - done - 1)
        canvas.text(String(line.prefix(done)), row: row, col: col, width: done, style: .wavePlayed)
        canvas.text(String(line.dropFirst(done).prefix(1)), row: row, col: col + done, width: 1, style: active ? .accent : .border)
        canvas.text(String(line.dropFirst(done + 1)), row: row, col: col + done + 1, width: barWidth - done - 1, style: .border)
        canvas.text(time, row: row, col: col + barWidth, width: width - barWidth, style: active ? .accent : .dim)
    }
}
