import Foundation
import Model

/// The detail pane: the selected sample's metadata, its waveform with the playhead, the
/// position and time, its source, and its error when it failed.
enum DetailView {
    static func draw(_ state: AppState, into canvas: inout Canvas, rect: Rect) {
        guard !rect.isEmpty else { return }
        canvas.fill(rect)
        for row in rect.row..<rect.bottom { canvas.put(Cell(state.glyphs.vertical, .border), row: row, col: rect.col - 1) }
        let inner = Rect(row: rect.row, col: rect.col + 1, height: rect.height, width: rect.width - 1)
        guard let sample = state.selected else {
            canvas.text(state.total == 0 ? "" : "No sample selected.", row: inner.row, col: inner.col, width: inner.width, style: .dim)
            return
        }
        let g = state.glyphs
        var lines: [(String, Style)] = [(SampleFormat.title(sample), .bold)]
        var about: [String] = []
        let creator = SampleFormat.creator(sample)
        if !creator.isEmpty { about.append(creator + (sample.creatorProfile?.followers.map { " (\(SampleFormat.compact($0)) followers)" } ?? "")) }
        if let views = sample.stats?.views { about.append("\(SampleFormat.compact(views)) views") }
        if let bpm = sample.bpm { about.append("\(SampleFormat.number((bpm * 10).rounded() / 10)) BPM") }
        if !about.isEmpty { lines.append((about.joined(separator: g.dot), .normal)) }
        var sound: [String] = []
        if let key = sample.key { sound.append("\(key) (\(key.camelot))\(sample.keyIsConfident ? "" : "?")") }
        sound.append(SampleFormat.clock(sample.duration))
        if sample.status == .completed { sound.append("48 kHz") }
        lines.append((sound.joined(separator: g.dot), .normal))
        if sample.status != .completed {
            lines.append((SampleFormat.status(sample.status), SampleListView.statusStyle(sample.status)))
        }
        for (index, line) in lines.enumerated() where index < inner.height {
            canvas.field(line.0, row: inner.row + index, col: inner.col, width: inner.width, style: line.1)
        }
        var row = inner.row + lines.count + 1
        if let error = sample.error {
            for line in wrap("\(error.code): \(error.message)", width: inner.width).prefix(max(0, inner.bottom - row)) {
                canvas.text(line, row: row, col: inner.col, width: inner.width, style: .error)
                row += 1
            }
            return
        }
        guard sample.status == .completed else { return }
        let footer = 3
        let waveHeight = min(8, max(1, inner.bottom - row - 1 - footer))
        guard row + waveHeight < inner.bottom else { return }
        let isPlaying = sample.id == state.playingID && state.player.isActive
        let duration = state.player.duration ?? sample.duration
        if let peaks = state.peaks[sample.id] {
            let head = isPlaying ? state.player.position / max(0.001, duration ?? 0) : nil
            WaveformView.draw(peaks, playhead: head, glyphs: g, into: &canvas,
                              rect: Rect(row: row, col: inner.col, height: waveHeight, width: inner.width))
        } else {
            canvas.text("loading the waveform…", row: row + waveHeight / 2, col: inner.col, width: inner.width, style: .dim)
        }
        row += waveHeight
        WaveformView.drawPosition(position: state.player.position, duration: duration, active: isPlaying, glyphs: g,
                                  into: &canvas, row: row, col: inner.col, width: inner.width)
        row += 2
        var more = ["source   \(SampleFormat.shortSource(sample.sourceURL))"]
        more.append("exported \(sample.downloadCount) time\(sample.downloadCount == 1 ? "" : "s")")
        if let lufs = sample.analysis?.loudnessLUFS { more.append(String(format: "loudness %.1f LUFS", lufs)) }
        if isPlaying, let delay = state.player.firstAudioDelay {
            more.append(String(format: "first audio %.0f ms after play", delay * 1000))
        }
        for line in more where row < inner.bottom {
            canvas.field(line, row: row, col: inner.col, width: inner.width, style: .dim)
            row += 1
        }
    }

    /// `text` broken into lines of at most `width` columns, at spaces where it can.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        for word in SampleFormat.oneLine(text).split(separator: " ") {
            var word = String(word)
            while TextFit.width(word) > width {
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(word.prefix(width)))
                word = String(word.dropFirst(width))
            }
            if current.isEmpty { current = word }
            else if TextFit.width(current) + 1 + TextFit.width(word) <= width { current += " " + word }
            else { lines.append(current); current = word }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
