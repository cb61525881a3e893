import Foundation
import Model

/// The player as the app sees it: whether sound works, what plays and where, the gain, the
/// waveforms loaded, and when the row the cursor rests on gets its peaks, its first segment and
/// (with autoplay) its play.
public struct PlaybackState: Sendable {
    /// Whether sound can be played, and why not.
    public var audio: AppState.AudioState = .starting
    /// The sample (or stem) the player has.
    public var playingID: UUID?
    /// The player's last status.
    public var player = PlaybackSnapshot()
    /// The gain the app asked for.
    public var volume = 1.0
    /// Waveform peaks loaded so far, by sample or stem.
    public var peaks: [UUID: Peaks] = [:]
    /// Peaks asked for (or failed), so they are asked once.
    public var peaksRequested: Set<UUID> = []
    /// When the cursor came to rest on its row; nil once the rest was acted on.
    public var restingSince: Double?
    /// When autoplay plays the row the cursor rests on (a moment after its first segment was
    /// fetched); nil when nothing is due.
    public var autoplayAt: Double?
    /// The sample (or stem) whose first segment was fetched last.
    public var preloaded: UUID?
    /// The loop region marked with `[` and `]`, and whose it is.
    public var marks: RegionMarks?
    /// Whether `[` and `]` snap to the nearest beat.
    public var snapsToBeats = true
    /// The sync the player was last given (it bends every play until told otherwise).
    public var sentSync: PlaybackSync?
    /// The session tempo's taps so far (`Space` in the tempo field of `t`), in seconds.
    public var taps: [Double] = []

    /// The region marked on `id`, when both its ends are.
    func region(of id: UUID) -> LoopRegion? {
        guard let marks, marks.owner == id, let start = marks.start, let end = marks.end else { return nil }
        return LoopRegion(start: start, end: end)
    }

    /// Whether `id` is what the player has and it loops.
    func isLooping(_ id: UUID) -> Bool { id == playingID && player.state != .stopped && player.loop != nil }

    /// Whether `id` is what the player has, playing, paused or loading.
    func isActive(_ id: UUID) -> Bool { id == playingID && player.isActive }

    /// Whether the player has something that is not stopped.
    var isPlaying: Bool { playingID != nil && player.state != .stopped }

    /// Plays `item` from `start` (the status shows it loading until the player answers), bent
    /// by `sync` (the player is told first when it changed).
    mutating func play(_ item: Playable, from start: Double = 0, sync: PlaybackSync?) -> [Effect] {
        playingID = item.id
        player = PlaybackSnapshot(state: .loading, position: start, duration: item.duration, sync: sync)
        return send(sync) + [.play(item, from: start)]
    }

    /// Loops `region` of `item` from its start (the status shows it loading until the player answers).
    mutating func playLoop(_ item: Playable, _ region: LoopRegion, sync: PlaybackSync?) -> [Effect] {
        playingID = item.id
        player = PlaybackSnapshot(state: .loading, position: region.start, duration: item.duration, loop: region, sync: sync)
        return send(sync) + [.playLoop(item, region)]
    }

    /// `.setSync` when the player has another one.
    mutating func send(_ sync: PlaybackSync?) -> [Effect] {
        guard sync != sentSync else { return [] }
        sentSync = sync
        return [.setSync(sync)]
    }

    /// Stops what plays unless it is `keep`; nil when there is nothing to stop.
    mutating func stop(unless keep: UUID?) -> Effect? {
        guard playingID != nil, keep != playingID, player.state != .stopped else { return nil }
        playingID = nil
        player.state = .stopped
        return .stop
    }

    /// Something the player's news gives the status line to say.
    enum Notice: Equatable {
        /// An error, shown until the next key.
        case error(String)
        /// Information, shown for a few seconds.
        case info(String)
    }

    /// What the status line says when sound works again after it was lost.
    static let soundIsBack = "Sound is back"

    /// The player's status of a tick; returns what to say: the error when it newly failed or
    /// stutters, or that sound is back when it plays although the output was lost.
    mutating func update(_ status: PlaybackSnapshot?) -> Notice? {
        guard let status, playingID != nil else { return nil }
        defer { player = status }
        if status.state == .failed, player.state != .failed, let error = status.error { return .error(error) }
        if status.state == .playing, case .unavailable = audio {
            // A play reconnected before the output's watch did.
            audio = .ready
            return .info(Self.soundIsBack)
        }
        if status.stutters && !player.stutters {
            return .error("The sound keeps breaking up: this machine is too busy to feed it, even with the largest buffer.")
        }
        return nil
    }

    /// PulseAudio answers (at start-up, or again): returns what to say when sound was lost.
    mutating func audioReady() -> Notice? {
        defer { audio = .ready }
        if case .unavailable = audio { return .info(Self.soundIsBack) }
        return nil
    }

    /// Turns the gain up or down by a tenth (0–150 %).
    mutating func stepVolume(up: Bool) -> Effect {
        volume = min(1.5, max(0, ((volume + (up ? 0.1 : -0.1)) * 10).rounded() / 10))
        return .setVolume(volume)
    }

    /// Keeps peaks that arrived, dropping old ones (never `keep`'s) past 64.
    mutating func peaksLoaded(_ id: UUID, _ loaded: Peaks, keep: UUID?) {
        peaks[id] = loaded
        if peaks.count > 64, let old = peaks.keys.first(where: { $0 != id && $0 != keep }) {
            peaks.removeValue(forKey: old)
        }
    }

    /// The cursor came to a new row at `now`: it rests from now, and autoplay (when on, and only
    /// for the user's moves) is due a moment after the first segment is fetched.
    mutating func cursorMoved(at now: Double, autoplay: Bool, delay: Double) {
        restingSince = now
        autoplayAt = autoplay ? now + delay : nil
    }

    /// What a completed row the cursor has rested on needs: its peaks and its first segment,
    /// each asked for once.
    mutating func rested(on item: Playable) -> [Effect] {
        var effects: [Effect] = []
        if !peaksRequested.contains(item.id) && peaks[item.id] == nil {
            peaksRequested.insert(item.id)
            switch item {
            case .sample(let sample): effects.append(.loadPeaks(sample.id))
            case .stem(let stem): effects.append(.loadStemPeaks(stem.id))
            }
        }
        if preloaded != item.id, audio == .ready {
            preloaded = item.id
            effects.append(.preload(item))
        }
        return effects
    }
}

extension AppState {
    /// Shows the player's news in the status line.
    mutating func show(_ notice: PlaybackState.Notice) {
        switch notice {
        case .error(let text): show(error: text)
        case .info(let text): show(info: text)
        }
    }
}
