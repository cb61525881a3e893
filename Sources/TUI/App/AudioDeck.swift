import Foundation
import Media
import Model
import Playback

/// The app's sound: the PulseAudio output and the `Player` on it. The output is connected and
/// warmed up off the UI thread (the first write on a new stream costs 0.6–1.9 s,
/// docs/playback.md), and watched: while no PulseAudio answers (the app started first, or the
/// server was killed or restarted) it tries again every few seconds, and says so each time
/// sound is lost or back. A play while there is none tries at once (the player connects on its
/// first write).
final class AudioDeck: Sendable {
    /// How often the output is checked, and reconnected while there is no sound.
    static let watchInterval = 2.0

    private let player = Locked<Player?>(nil)
    private let watch = Locked<OutputWatch?>(nil)

    /// Makes the player and starts watching its output: posts `.audioReady` when sound works
    /// (at start-up, and each time it is back) and `.audioUnavailable(reason)` when it does not.
    func open(server: String?, inbox: Inbox) {
        let output = PulseOutput.unconnected(server: server)
        player.withLock { $0 = Player(output: output) }
        let watching = output.watch(every: Self.watchInterval) { problem in
            inbox.post(problem.map { .audioUnavailable($0.message) } ?? .audioReady)
        }
        watch.withLock { $0 = watching }
    }

    private var current: Player? { player.withLock { $0 } }

    /// Plays `item` from a time (looping `loop`), stopping what plays.
    func play(_ item: PlaybackItem, from start: Double, loop: LoopRegion? = nil) { current?.play(item, from: start, loop: loop) }

    /// Bends every play from now on (and what plays) to a session's tempo and key.
    func setSync(_ sync: PlaybackSync?) { current?.setSync(sync) }

    /// Loops a region of what plays from where it is, or (nil) lets it play on to its end.
    func setLoop(_ region: LoopRegion?) { current?.setLoop(region) }

    /// Fetches the first segment of `item` ahead of play.
    func preload(_ item: PlaybackItem) { current?.preload(item) }

    /// Pauses or resumes.
    func togglePause() { current?.togglePause() }

    /// Moves playback.
    func seek(by delta: Double) { current?.seek(by: delta) }

    /// Moves playback to a time.
    func seek(to time: Double) { current?.seek(to: time) }

    /// Sets the gain.
    func setVolume(_ volume: Double) { current?.setVolume(volume) }

    /// Stops the sound at once.
    func stop() { current?.stop() }

    /// What the player is doing, as the app shows it.
    var snapshot: PlaybackSnapshot? {
        guard let status = current?.status else { return nil }
        return PlaybackSnapshot(state: status.state, position: status.position, duration: status.duration, error: status.error?.message,
                                firstAudioDelay: status.firstAudioDelay, stutters: status.isStruggling, loop: status.loop, sync: status.sync)
    }
}
