import Foundation
import Model

/// Loop regions and the waveform (issue 17): `[` and `]` mark the region's ends at the playhead, snapped to the
/// nearest beat unless `\` turned snapping off; `l` loops the region (or the whole sample);
/// Esc clears the region; a click on the waveform moves the playhead there.
extension AppState {
    /// `[` or `]`: marks an end of the region at the playhead of the selected sample or stem.
    mutating func mark(_ edge: RegionMarks.Edge) -> [Effect] {
        guard let item = selectedPlayable else { return [] }
        guard item.id == playback.playingID, playback.player.state != .stopped else {
            show(info: "\(keyLabel(edge == .start ? .markStart : .markEnd)) marks where the playhead is: play it first (\(keyLabel(.playPause)))")
            return []
        }
        var time = playback.player.position
        var snapped = ""
        if playback.snapsToBeats, let beat = item.beatGrid?.nearestBeat(to: time) {
            time = beat
            snapped = ", on the beat"
        }
        if playback.marks?.owner != item.id { playback.marks = RegionMarks(owner: item.id) }
        let dropped = playback.marks?.mark(edge, at: time)
        let name = edge == .start ? "start" : "end"
        if let dropped {
            let other = edge == .start ? "end" : "start"
            show(info: "region \(name) \(DurationText.precise(time))\(snapped); the \(other) at \(DurationText.precise(dropped)) was on the wrong side and is cleared")
            return []
        }
        guard let region = playback.region(of: item.id) else {
            show(info: "region \(name) \(DurationText.precise(time))\(snapped); \(keyLabel(edge == .start ? .markEnd : .markStart)) marks the \(edge == .start ? "end" : "start")")
            return []
        }
        show(info: "region \(regionText(region))\(snapped): \(keyLabel(.loop)) loops it, \(keyLabel(.export)) exports it, esc clears it")
        // A loop that plays takes the new region at once.
        guard playback.isLooping(item.id) else { return [] }
        playback.player.loop = region
        return [.setLoop(region)]
    }

    /// `\`: turns snapping to beats on or off.
    mutating func toggleSnap() -> [Effect] {
        playback.snapsToBeats.toggle()
        let grid = selectedPlayable?.beatGrid == nil ? " (this one has no beat grid: marks go where the playhead is)" : ""
        show(info: playback.snapsToBeats ? "marks snap to the nearest beat\(grid)" : "marks go exactly where the playhead is")
        return []
    }

    /// `l`: loops the region marked on the selected sample or stem (else all of it), or stops looping.
    mutating func toggleLoop() -> [Effect] {
        guard let item = selectedPlayable else { return [] }
        guard item.status == .completed else {
            show(error: "\(selected.map(SampleFormat.title) ?? "It") is \(SampleFormat.status(item.status)): it can be looped once it is ready")
            return []
        }
        if playback.isLooping(item.id) {
            playback.player.loop = nil
            show(info: "loop off: it plays on to the end")
            return [.setLoop(nil)]
        }
        let marked = playback.region(of: item.id)
        guard let region = marked ?? (item.duration ?? playback.player.duration).flatMap({ LoopRegion(start: 0, end: $0) }) else {
            show(error: "Its length is not known yet, so it cannot loop: play it once first.")
            return []
        }
        show(info: marked == nil ? "looping all of it (\(keyLabel(.markStart)) \(keyLabel(.markEnd)) mark a region)" : "looping \(regionText(region))")
        if item.id == playback.playingID, playback.player.state != .stopped, playback.player.state != .failed {
            playback.player.loop = region
            return [.setLoop(region)]
        }
        guard playback.audio != .starting else {
            show(info: "the sound output is still starting; try again in a moment")
            return []
        }
        return playback.playLoop(item, region, sync: sync(for: item))
    }

    /// Esc on the list: clears the selected item's region (and its marks); false when it had none.
    mutating func clearRegion() -> [Effect]? {
        guard let item = selectedPlayable, let marks = playback.marks, marks.owner == item.id else { return nil }
        playback.marks = nil
        show(info: "region cleared")
        // A loop of the region goes on over the whole sample.
        guard playback.isLooping(item.id), let duration = playback.player.duration ?? item.duration,
              let whole = LoopRegion(start: 0, end: duration) else { return [] }
        playback.player.loop = whole
        return [.setLoop(whole)]
    }

    /// A click: on the waveform (where the terminal reports mouse events), the playhead goes to
    /// that time, as the digit keys do (the sample starts playing from there when it was not).
    mutating func click(row: Int, col: Int) -> [Effect] {
        guard frontOverlay == nil, !list.isTyping, !layout.tooSmall else { return [] }
        // The pane drawn off screen says where its waveform is, the same as on screen.
        var scratch = Canvas(rows: rows, cols: cols)
        guard let area = DetailView.draw(self, into: &scratch, rect: layout.detail), area.width > 0,
              area.contains(row: row, col: col) else { return [] }
        return seek(toFraction: (Double(col - area.col) + 0.5) / Double(area.width))
    }

    /// `0:02.50–0:06.30`.
    func regionText(_ region: LoopRegion) -> String {
        "\(DurationText.precise(region.start))\(glyphs.isUnicode ? "–" : "-")\(DurationText.precise(region.end))"
    }

    private func keyLabel(_ action: Action) -> String { keyMap.label(action, unicode: glyphs.isUnicode) }
}
