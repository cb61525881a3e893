import Model

/// What the player is doing, as the app shows it (the runtime makes it from `PlayerStatus`).
public struct PlaybackSnapshot: Sendable, Equatable {
    /// The player's state.
    public typealias State = PlayState

    /// The state.
    public var state: State = .stopped
    /// Where playback is, in seconds (from the audio clock).
    public var position: Double = 0
    /// The length, once known.
    public var duration: Double?
    /// Why it failed.
    public var error: String?
    /// Seconds from play to the first audio handed to the output, once known.
    public var firstAudioDelay: Double?
    /// Whether the sound keeps breaking up although the output's buffer is at its largest.
    public var stutters: Bool
    /// The region that loops, when one does.
    public var loop: LoopRegion?
    /// How the sound is bent to the session's tempo and key, when it is.
    public var sync: PlaybackSync?

    /// Creates a snapshot.
    public init(state: State = .stopped, position: Double = 0, duration: Double? = nil, error: String? = nil,
                firstAudioDelay: Double? = nil, stutters: Bool = false, loop: LoopRegion? = nil,
                sync: PlaybackSync? = nil) {
        self.loop = loop
        self.sync = sync
        self.stutters = stutters
        self.state = state
        self.position = position
        self.duration = duration
        self.error = error
        self.firstAudioDelay = firstAudioDelay
    }

    /// Whether something is loaded (playing, paused or loading).
    var isActive: Bool { state == .playing || state == .paused || state == .loading }
}
