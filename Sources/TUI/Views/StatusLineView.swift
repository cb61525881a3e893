import Model

/// The bottom line: a message or error (else the main keys) on the left; on the right, the
/// playing time and volume, or why there is no sound.
enum StatusLineView {
    static func draw(_ state: AppState, into canvas: inout Canvas, rect: Rect) {
        guard !rect.isEmpty else { return }
        canvas.fill(rect)
        let right: (String, Style)
        switch state.playback.audio {
        case .starting: right = ("sound starting…", .dim)
        case .unavailable: right = ("no sound", .error)
        case .ready:
            if state.playback.playingID != nil, state.playback.player.state != .stopped {
                right = (playerText(state) + "  vol \(Int((state.playback.volume * 100).rounded()))%", .accent)
            } else {
                right = ("vol \(Int((state.playback.volume * 100).rounded()))%", .dim)
            }
        }
        // A synced preview's shift needs the room: up to half the line.
        let rightWidth = min(TextFit.width(right.0) + 2, rect.width / (state.playback.player.sync == nil ? 3 : 2))
        let leftWidth = rect.width - rightWidth
        if let message = state.message {
            var text = " " + SampleFormat.oneLine(message.text)
            // A message cut short says where to read it whole.
            let more = " (\(state.keyMap.label(.messages, unicode: state.glyphs.isUnicode)) shows all)"
            if TextFit.width(text) > leftWidth, leftWidth > 3 * TextFit.width(more) {
                text = TextFit.fit(text, width: leftWidth - TextFit.width(more)) + more
            }
            canvas.field(text, row: rect.row, col: rect.col, width: leftWidth, style: message.isError ? .error : .normal)
        } else if state.list.isTyping {
            canvas.field(" search: type to narrow \(state.glyphs.dot.trimmingCharacters(in: .whitespaces)) enter keeps \(state.glyphs.dot.trimmingCharacters(in: .whitespaces)) esc clears",
                         row: rect.row, col: rect.col, width: leftWidth, style: .accent)
        } else {
            canvas.field(" " + hints(state, width: leftWidth - 2), row: rect.row, col: rect.col, width: leftWidth, style: .dim)
        }
        canvas.field(right.0 + " ", row: rect.row, col: rect.col + leftWidth, width: rightWidth, style: right.1, alignRight: true)
    }

    /// `▶ 0:04/0:09` while sound comes out (`▶ loop 0:04/0:09` while a region loops, `▶ 0:04/0:09
    /// → 124 BPM, +2 st` while synced), `‖ 0:04/0:09` paused, `… loading 0:00/0:09`,
    /// `■ ended 0:09/0:09` at the end, `■ failed 0:00/0:09`: the play mark only while playing.
    static func playerText(_ state: AppState) -> String {
        let player = state.playback.player
        let glyphs = state.glyphs
        var time = "\(DurationText.clock(player.position))/\(DurationText.clock(player.duration))"
        if player.loop != nil { time = "loop " + time }
        if let sync = player.sync { time += " " + sync.label }
        switch player.state {
        case .playing, .stopped: return "\(glyphs.playing) \(time)"
        case .paused: return "\(glyphs.paused) \(time)"
        case .loading: return "\(glyphs.ellipsis) loading \(time)"
        case .ended: return "\(glyphs.stopped) ended \(time)"
        case .failed: return "\(glyphs.stopped) failed \(time)"
        }
    }

    /// `␣ play  ←→ seek  / search  …` from the live key map.
    static func hints(_ state: AppState, width: Int) -> String {
        let u = state.glyphs.isUnicode
        let map = state.keyMap
        let seek = u && map.keys(for: .seekBack).first == .left && map.keys(for: .seekForward).first == .right
            ? "←→" : "\(map.label(.seekBack, unicode: u))\(map.label(.seekForward, unicode: u))"
        let items: [(String, String)] = [
            (map.label(.playPause, unicode: u), "play"), (seek, "seek"), (map.label(.search, unicode: u), "search"),
            (map.label(.filters, unicode: u), "filter"), (map.label(.add, unicode: u), "add"),
            (map.label(.help, unicode: u), "help"), (map.label(.quit, unicode: u), "quit"),
            (map.label(.sort, unicode: u), "sort"), (map.label(.export, unicode: u), "export"),
            (map.label(.stems, unicode: u), "stems"),
        ]
        // Whole hints only, the most useful first.
        var text = ""
        for item in items.map({ "\($0.0) \($0.1)" }) {
            let next = text.isEmpty ? item : text + "  " + item
            if TextFit.width(next) > width { break }
            text = next
        }
        return text
    }
}
