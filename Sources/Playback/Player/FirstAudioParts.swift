/// Where the time from `play` to the first audio went, in seconds (issue 22: `bench playback`
/// prints each part's median and p95, to find the slow tail).
public struct FirstAudioParts: Sendable, Equatable {
    /// From `play` to its session running on a player thread.
    public var handoff = 0.0
    /// Fetching and reading the playlist.
    public var playlist = 0.0
    /// Fetching the init section and the segments the decoder read before the first audio.
    public var segments = 0.0
    /// Opening the decoder (probing the stream), its fetches not counted.
    public var decoderOpen = 0.0
    /// Decoding up to the first audio, its fetches not counted.
    public var firstDecode = 0.0
    /// The first write to the output (PulseAudio), which begins at `firstAudioDelay`.
    public var firstWrite = 0.0
    /// A synced play's stretcher up to its first output: made (when none was prepared) and fed
    /// (its decoding counted in `firstDecode`).
    public var stretch = 0.0

    /// Creates the parts.
    public init(handoff: Double = 0, playlist: Double = 0, segments: Double = 0, decoderOpen: Double = 0,
                firstDecode: Double = 0, firstWrite: Double = 0) {
        self.handoff = handoff
        self.playlist = playlist
        self.segments = segments
        self.decoderOpen = decoderOpen
        self.firstDecode = firstDecode
        self.firstWrite = firstWrite
    }
}
