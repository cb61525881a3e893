/// What a player is doing: the player's own status (`PlayerStatus` in Playback) and the app's
/// picture of it (`PlaybackSnapshot` in the TUI) share this one list.
public enum PlayState: Sendable, Equatable {
    /// Nothing loaded.
    case stopped
    /// Fetching and decoding the first audio.
    case loading
    /// Sound is coming out.
    case playing
    /// Paused; a resume goes on where it stopped.
    case paused
    /// The item played to its end.
    case ended
    /// It could not play; the status's error says why.
    case failed
}
