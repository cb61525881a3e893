import Foundation
import Model

/// Previews in the session's tempo and key (issue 17): `t` sets the session's tempo (typed, or
/// tapped with `Space`) and key, `y` turns syncing on and off; both are remembered in
/// `settings.toml`. The player stretches and shifts in real time (Rubber Band).
extension AppState {
    /// The sync of `item` to the session, when syncing is on and it changes anything.
    func sync(for item: Playable) -> PlaybackSync? {
        guard settings.sync else { return nil }
        let (bpm, key) = item.bpmAndKey
        return PlaybackSync.matching(bpm: bpm, key: key, tempo: settings.sessionTempo, sessionKey: settings.sessionKey)
    }

    /// The keys the session dialog offers: none, then every key.
    static let sessionKeys: [MusicalKey?] = [nil] + MusicalKey.all

    /// `t`: the session dialog, with the session's tempo and key.
    mutating func openSessionDialog() -> [Effect] {
        playback.taps = []
        let keys = Self.sessionKeys.map { $0.map { "\($0.description) (\($0.camelot))" } ?? "none" }
        dialog = Dialog(kind: .session, title: "Session tempo and key (previews follow them while sync is on, \(keyMap.label(.sync, unicode: glyphs.isUnicode)))",
                        fields: [.text("tempo", settings.sessionTempo.map(SampleFormat.number) ?? "", placeholder: "type a BPM, or tap Space"),
                                 .choice("key", keys, selected: Self.sessionKeys.firstIndex(of: settings.sessionKey) ?? 0)])
        return []
    }

    /// `Space` in the tempo field: a tap; from the second one the field shows the tempo of the
    /// taps so far (the median gap of the last eight; a pause over two seconds starts again).
    mutating func tapTempo() {
        guard var dialog, dialog.kind == .session else { return }
        if let last = playback.taps.last, now - last > 2 { playback.taps = [] }
        playback.taps = Array((playback.taps + [now]).suffix(8))
        let gaps = zip(playback.taps.dropFirst(), playback.taps).map { $0 - $1 }.filter { $0 > 0 }.sorted()
        guard !gaps.isEmpty else {
            show(info: "tap again on the beat")
            return
        }
        let bpm = (60 / gaps[gaps.count / 2] * 10).rounded() / 10
        dialog.fields[0].text = SampleFormat.number(bpm)
        self.dialog = dialog
        show(info: "\(playback.taps.count) taps: \(SampleFormat.number(bpm)) BPM")
    }

    /// Enter in the session dialog: the tempo (20–400 BPM, or empty for none) and key are kept,
    /// and what plays follows them at once when syncing is on.
    mutating func confirmSession(_ dialog: Dialog) -> [Effect] {
        let text = dialog.fields[0].text.trimmingCharacters(in: .whitespaces)
        var tempo: Double?
        if !text.isEmpty {
            guard let bpm = Double(text), bpm >= 20, bpm <= 400 else {
                return refuse(dialog, "The session tempo is a BPM from 20 to 400, such as 124 (or empty for none).")
            }
            tempo = bpm
        }
        self.dialog = nil
        settings.sessionTempo = tempo
        settings.sessionKey = Self.sessionKeys[min(dialog.fields[1].choice, Self.sessionKeys.count - 1)]
        show(info: "session: \(sessionText)" + (settings.sync ? "" : "; \(keyMap.label(.sync, unicode: glyphs.isUnicode)) syncs previews to it"))
        return [.saveSettings(settings)] + resync()
    }

    /// `y`: syncing on or off; what plays follows at once.
    mutating func toggleSync() -> [Effect] {
        settings.sync.toggle()
        if settings.sync, settings.sessionTempo == nil, settings.sessionKey == nil {
            show(info: "sync on, but the session has no tempo or key yet: \(keyMap.label(.session, unicode: glyphs.isUnicode)) sets them")
        } else if settings.sync {
            let playing = selectedPlayable.flatMap { sync(for: $0) }?.label
            show(info: "sync on: previews at \(sessionText)" + (playing.map { " (this one \($0))" } ?? ""))
        } else {
            show(info: "sync off: previews as they are")
        }
        return [.saveSettings(settings)] + resync()
    }

    /// `124 BPM, A minor`.
    var sessionText: String {
        let parts = [settings.sessionTempo.map { "\(SampleFormat.number($0)) BPM" }, settings.sessionKey?.description].compactMap { $0 }
        return parts.isEmpty ? "no tempo or key" : parts.joined(separator: ", ")
    }

    /// What plays takes the session's sync now.
    private mutating func resync() -> [Effect] {
        guard let id = playback.playingID, playback.player.state != .stopped,
              let item = selectedPlayable?.id == id ? selectedPlayable : nil else { return [] }
        let sync = sync(for: item)
        playback.player.sync = sync
        return playback.send(sync)
    }
}
