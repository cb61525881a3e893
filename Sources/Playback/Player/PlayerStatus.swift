import Model

/// What the player is doing, as one snapshot.
public struct PlayerStatus: Sendable, Equatable {
    /// The player's state.
    public typealias State = PlayState

    /// The state.
    public var state: State = .stopped
    /// What is loaded.
    public var item: PlaybackItem?
    /// Where playback is, in seconds, from the audio clock (what has been heard).
    public var position: Double = 0
    /// The item's length in seconds, once known.
    public var duration: Double?
    /// The gain, 0–1.5.
    public var volume: Double = 1
    /// Seconds from `play` to the first audio handed to the device (when its first write began).
    public var firstAudioDelay: Double?
    /// Where the time to the first audio went, once it was written.
    public var firstAudioParts: FirstAudioParts?
    /// Why the last item failed.
    public var error: PlaybackError?
    /// The region that loops, when one does.
    public var loop: LoopRegion?
    /// How the sound is bent to a session's tempo and key, when it is.
    public var sync: PlaybackSync?
    /// Whether the sound keeps breaking up although the output's buffer is at its largest.
    public var isStruggling = false
}
