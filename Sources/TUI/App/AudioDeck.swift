import Foundation
import Media
import Model
import Playback

/// The app's sound: the PulseAudio output, opened and warmed up at start-up off the UI thread
/// (the first write on a new output costs 0.6–1.9 s, docs/playback.md), and the `Player` on it.
/// Without PulseAudio it stays empty and says why.
final class AudioDeck: Sendable {
    private let player = Locked<Player?>(nil)

    /// Opens the output in the background; posts `.audioReady` or `.audioUnavailable(reason)`.
    func open(server: String?, inbox: Inbox) {
        Thread.detachNewThread { [self] in
            do throws(PlaybackError) {
                let output = try PulseOutput(server: server)
                // Pay the stream's start now: a few milliseconds of silence.
                try output.write(AudioBuffer(left: [Float](repeating: 0, count: 480), right: [Float](repeating: 0, count: 480)))
                player.withLock { $0 = Player(output: output) }
                inbox.post(.audioReady)
            } catch {
                inbox.post(.audioUnavailable(error.message))
            }
        }
    }

    private var current: Player? { player.withLock { $0 } }

    /// Plays `item` from a time, stopping what plays.
    func play(_ item: PlaybackItem, from start: Double) { current?.play(item, from: start) }

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
        let state: PlaybackSnapshot.State
        switch status.state {
        case .stopped: state = .stopped
        case .loading: state = .loading
        case .playing: state = .playing
        case .paused: state = .paused
        case .ended: state = .ended
        case .failed: state = .failed
        }
        return PlaybackSnapshot(state: state, position: status.position, duration: status.duration, error: status.error?.message,
                                firstAudioDelay: status.firstAudioDelay, stutters: status.isStruggling)
    }
}
