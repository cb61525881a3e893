import Foundation
import Model

/// The detail pane: the selected sample's metadata, its waveform with the playhead, the
/// position and time, its stems, its source, and its error when it failed; on a stem row the
/// stem's own tempo, key, waveform and position.
enum DetailView {
    /// Draws the pane; returns where the waveform is (its bars, position line and marks row),
    /// which a click on the waveform maps to a time.
    @discardableResult
    static func draw(_ state: AppState, into canvas: inout Canvas, rect: Rect) -> Rect? {
        guard !rect.isEmpty else { return nil }
        canvas.fill(rect)
        for row in rect.row..<rect.bottom { canvas.put(Cell(state.glyphs.vertical, .border), row: row, col: rect.col - 1) }
        let inner = Rect(row: rect.row, col: rect.col + 1, height: rect.height, width: rect.width - 1)
        guard let sample = state.selected else {
            canvas.text(state.list.total == 0 ? "" : "No sample selected.", row: inner.row, col: inner.col, width: inner.width, style: .dim)
            return nil
        }
        if let stem = state.selectedStem {
            return drawStem(stem, of: sample, state: state, into: &canvas, inner: inner)
        }
        let g = state.glyphs
        var lines: [(String, Style)] = [(SampleFormat.title(sample), .bold)]
        var about: [String] = []
        let creator = SampleFormat.creator(sample)
        if !creator.isEmpty { about.append(creator + (sample.creatorProfile?.followers.map { " (\(SampleFormat.compact($0)) followers)" } ?? "")) }
        if let views = sample.stats?.views { about.append("\(SampleFormat.compact(views)) views") }
        if let bpm = bpmText(sample) { about.append(bpm) }
        if !about.isEmpty { lines.append((about.joined(separator: g.dot), .normal)) }
        var sound: [String] = []
        if let key = keyText(sample, state.settings.notation) { sound.append(key) }
        sound.append(DurationText.clock(sample.duration))
        if sample.status == .completed { sound.append("48 kHz") }
        lines.append((sound.joined(separator: g.dot), .normal))
        if sample.status != .completed {
            lines.append((SampleFormat.status(sample.status), SampleListView.statusStyle(sample.status)))
        }
        var row = drawLines(lines, into: &canvas, inner: inner) + 1
        if let error = sample.error {
            for line in TextFit.wrap(error.shown, width: inner.width).prefix(max(0, inner.bottom - row)) {
                canvas.text(line, row: row, col: inner.col, width: inner.width, style: .error)
                row += 1
            }
            return nil
        }
        guard sample.status == .completed else { return nil }
        let stems = stemLines(state.stems.finished(of: sample.id), state: state, width: inner.width)
        guard let area = drawWaveform(id: sample.id, duration: sample.duration, beats: sample.analysis?.beatGrid, state: state, into: &canvas, inner: inner,
                                      row: row, footer: 3 + stems.count) else { return nil }
        row = area.bottom
        var more = regionLines(of: sample.id, state: state)
        more.append("source   \(SampleFormat.shortSource(sample.sourceURL))")
        more.append("exported \(sample.downloadCount) time\(sample.downloadCount == 1 ? "" : "s")")
        if let lufs = sample.analysis?.loudnessLUFS { more.append(String(format: "loudness %.1f LUFS", lufs)) }
        if sample.id == state.playback.playingID, state.playback.player.isActive, let delay = state.playback.player.firstAudioDelay {
            more.append(String(format: "first audio %.0f ms after play", delay * 1000))
        }
        for line in stems where row < inner.bottom {
            canvas.field(line.0, row: row, col: inner.col, width: inner.width, style: line.1)
            row += 1
        }
        for line in more where row < inner.bottom {
            canvas.field(line, row: row, col: inner.col, width: inner.width, style: .dim)
            row += 1
        }
        return area
    }

    /// A stem row's pane: its type, its sample, tempo, key, duration, its own waveform and
    /// position, loudness and exports.
    private static func drawStem(_ stem: Stem, of sample: Sample, state: AppState, into canvas: inout Canvas, inner: Rect) -> Rect? {
        let g = state.glyphs
        var lines: [(String, Style)] = [("\(stem.type.displayName) stem\(stem.estimate ? " (estimate)" : "")", .bold),
                                        ("of \(SampleFormat.title(sample))", .dim)]
        var sound = [bpmText(stem), keyText(stem, state.settings.notation)].compactMap { $0 }
        sound.append(DurationText.clock(stem.duration))
        lines.append((sound.joined(separator: g.dot), .normal))
        var row = drawLines(lines, into: &canvas, inner: inner) + 1
        guard let area = drawWaveform(id: stem.id, duration: stem.duration, beats: stem.analysis?.beatGrid, state: state, into: &canvas, inner: inner,
                                      row: row, footer: 2) else { return nil }
        row = area.bottom
        var more = regionLines(of: stem.id, state: state)
        if let lufs = stem.analysis?.loudnessLUFS { more.append(String(format: "loudness %.1f LUFS", lufs)) }
        if let cost = stem.exportCost, cost > 0 {
            more.append("first export: \(StemDialog.credits(cost))")
        } else if stem.downloadCount > 0 {
            more.append("exported \(stem.downloadCount) time\(stem.downloadCount == 1 ? "" : "s")")
        }
        for line in more where row < inner.bottom {
            canvas.field(line, row: row, col: inner.col, width: inner.width, style: .dim)
            row += 1
        }
        return area
    }

    /// `region   0:02.50–0:06.30 (3.80 s), looping` while a region is marked on `id`, or the end marked so far.
    private static func regionLines(of id: UUID, state: AppState) -> [String] {
        guard let marks = state.playback.marks, marks.owner == id else { return [] }
        let looping = state.playback.isLooping(id) ? ", looping" : ""
        if let region = state.playback.region(of: id) {
            return [String(format: "region   %@ (%.2f s)%@", state.regionText(region), region.length, looping)]
        }
        return ["region   " + (marks.start.map { "from \(DurationText.precise($0))" } ?? marks.end.map { "to \(DurationText.precise($0))" } ?? "")]
    }

    /// `96 BPM` (`216 BPM?` when it is not trustworthy).
    private static func bpmText(_ audio: some AnalysedAudio) -> String? {
        audio.bpm.map { "\(SampleFormat.number(($0 * 10).rounded() / 10)) BPM\(audio.bpmIsConfident ? "" : "?")" }
    }

    /// `A minor (8A)` (with `?` when it is not trustworthy, and `, or C major` after it when a
    /// second key nearly tied).
    private static func keyText(_ audio: some AnalysedAudio, _ notation: KeyNotation) -> String? {
        audio.keyDetail(in: notation)
    }

    /// The stems list of a sample's pane: a title and a line per finished stem (type, duration, BPM, key).
    private static func stemLines(_ stems: [Stem], state: AppState, width: Int) -> [(String, Style)] {
        guard !stems.isEmpty else { return [] }
        let key = state.keyMap.label(.expand, unicode: state.glyphs.isUnicode)
        var lines: [(String, Style)] = [("stems (\(key) shows them)", .bold)]
        func name(_ stem: Stem) -> String { stem.type.displayName + (stem.estimate ? "~" : "") }
        let nameWidth = min(16, stems.prefix(5).map { TextFit.width(name($0)) }.max() ?? 4)
        for stem in stems.prefix(5) {
            let facts = [DurationText.clock(stem.duration), SampleFormat.bpm(stem).isEmpty ? "" : "\(SampleFormat.bpm(stem)) BPM",
                         SampleFormat.key(stem, state.settings.notation)].filter { !$0.isEmpty }
            lines.append(("\(TextFit.fit(name(stem), width: nameWidth)) \(facts.joined(separator: " "))", .normal))
        }
        if stems.count > 5 { lines.append(("… and \(stems.count - 5) more", .dim)) }
        return lines
    }

    /// Draws the lines that fit from the top; returns the row after them.
    private static func drawLines(_ lines: [(String, Style)], into canvas: inout Canvas, inner: Rect) -> Int {
        for (index, line) in lines.enumerated() where index < inner.height {
            canvas.field(line.0, row: inner.row + index, col: inner.col, width: inner.width, style: line.1)
        }
        return inner.row + lines.count
    }

    /// The waveform of a sample or stem from its peaks (or "loading"), with the playhead, and the
    /// position line under it, leaving `footer` rows below; returns where it was drawn (its
    /// bars, the position line and the marks row), nil when there was no room.
    private static func drawWaveform(id: UUID, duration: Double?, beats: BeatGrid?, state: AppState, into canvas: inout Canvas, inner: Rect,
                                     row: Int, footer: Int) -> Rect? {
        // 8 rows, more in a tall pane (a third of it), never more than the room left.
        let waveHeight = min(max(8, inner.height / 3), max(1, inner.bottom - row - 1 - footer))
        guard row + waveHeight < inner.bottom else { return nil }
        let isPlaying = id == state.playback.playingID && state.playback.player.isActive
        let duration = isPlaying ? state.playback.player.duration ?? duration : duration
        // The region marked on it, as fractions of its length, and the columns they fall in.
        let marks = state.playback.marks.flatMap { marks -> (start: Double?, end: Double?)? in
            guard marks.owner == id, let duration, duration > 0 else { return nil }
            return (marks.start.map { $0 / duration }, marks.end.map { $0 / duration })
        }
        let columns = marks.flatMap { WaveformView.columns(of: $0, width: inner.width) }
        if let peaks = state.playback.peaks[id] {
            let head = isPlaying ? state.playback.player.position / max(0.001, duration ?? 0) : nil
            WaveformView.draw(peaks, playhead: head, region: columns, glyphs: state.glyphs, into: &canvas,
                              rect: Rect(row: row, col: inner.col, height: waveHeight, width: inner.width))
        } else {
            canvas.text("loading the waveform…", row: row + waveHeight / 2, col: inner.col, width: inner.width, style: .dim)
        }
        WaveformView.drawPosition(position: state.playback.player.position, duration: duration, active: isPlaying, glyphs: state.glyphs,
                                  into: &canvas, row: row + waveHeight, col: inner.col, width: inner.width)
        if let beats, row + waveHeight + 1 < inner.bottom {
            WaveformView.drawBeats(beats, duration: duration, glyphs: state.glyphs, into: &canvas,
                                   row: row + waveHeight + 1, col: inner.col, width: inner.width)
        }
        if let marks, let columns, row + waveHeight + 1 < inner.bottom {
            WaveformView.drawMarks(marks, columns: columns, glyphs: state.glyphs, into: &canvas, row: row + waveHeight + 1, col: inner.col)
        }
        return Rect(row: row, col: inner.col, height: waveHeight + 2, width: inner.width)
    }
}
