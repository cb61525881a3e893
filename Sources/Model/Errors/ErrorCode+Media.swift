extension ErrorCode {
    // The codes of decoding, encoding, analysis and playback.

    /// `analysis.fft`: The analysis FFT could not be set up.
    public static let analysisFFT = ErrorCode("analysis.fft", status: 500, retryable: true)
    /// `analysis.finished`: Audio was fed to an analysis that had finished.
    public static let analysisFinished = ErrorCode("analysis.finished", status: 500)
    /// `media.cancelled`: Decoding or encoding was cancelled.
    public static let mediaCancelled = ErrorCode("media.cancelled", status: 500)
    /// `media.corrupt`: A media file is damaged.
    public static let mediaCorrupt = ErrorCode("media.corrupt", status: 500)
    /// `media.empty`: A media file holds no audio samples.
    public static let mediaEmpty = ErrorCode("media.empty", status: 500)
    /// `media.internal`: libav failed in a way the input does not explain.
    public static let mediaInternal = ErrorCode("media.internal", status: 500, retryable: true)
    /// `media.no_audio`: A media file has no audio stream.
    public static let mediaNoAudio = ErrorCode("media.no_audio", status: 500)
    /// `media.not_found`: No media file at that path.
    public static let mediaNotFound = ErrorCode("media.not_found", status: 500)
    /// `media.too_long`: A media file is longer than the limit.
    public static let mediaTooLong = ErrorCode("media.too_long", status: 500)
    /// `media.unreadable`: A file is not media libavformat recognises.
    public static let mediaUnreadable = ErrorCode("media.unreadable", status: 500)
    /// `media.unsupported_container`: A container that could reach other files (playlists, concat lists, data references).
    public static let mediaUnsupportedContainer = ErrorCode("media.unsupported_container", status: 500)
    /// `output.unwritable`: An output file cannot be written.
    public static let outputUnwritable = ErrorCode("output.unwritable", status: 500, retryable: true)
    /// `playback.bad_playlist`: An HLS playlist cannot be played.
    public static let playbackBadPlaylist = ErrorCode("playback.bad_playlist", status: 500)
    /// `playback.decode_failed`: Audio could not be decoded for playback.
    public static let playbackDecodeFailed = ErrorCode("playback.decode_failed", status: 500)
    /// `playback.fetch_failed`: Audio could not be fetched for playback.
    public static let playbackFetchFailed = ErrorCode("playback.fetch_failed", status: 500)
    /// `playback.no_audio_device`: PulseAudio is not reachable.
    public static let playbackNoAudioDevice = ErrorCode("playback.no_audio_device", status: 500)

    /// Every code above.
    static let mediaCodes: [ErrorCode] = [
        .analysisFFT, .analysisFinished, .mediaCancelled, .mediaCorrupt, .mediaEmpty, .mediaInternal, .mediaNoAudio,
        .mediaNotFound, .mediaTooLong, .mediaUnreadable, .mediaUnsupportedContainer, .outputUnwritable,
        .playbackBadPlaylist, .playbackDecodeFailed, .playbackFetchFailed, .playbackNoAudioDevice,
    ]
}
