import Model

/// Why something cannot be played, with a dotted code and a message a user can act on.
public struct PlaybackError: CodedError, Equatable {
    /// The dotted code: `playback.no_audio_device`, `playback.bad_playlist`, `playback.fetch_failed`, `playback.decode_failed`.
    public let code: String
    /// What went wrong.
    public let message: String


    /// PulseAudio cannot be reached: the app keeps running without sound.
    public static func noAudioDevice(_ detail: String) -> PlaybackError {
        PlaybackError(code: "playback.no_audio_device",
                      message: "No sound: PulseAudio is not reachable (\(detail)). Start it, or set PULSE_SERVER.")
    }

    /// The playlist cannot be used.
    public static func badPlaylist(_ detail: String) -> PlaybackError {
        PlaybackError(code: "playback.bad_playlist", message: "The HLS playlist cannot be played: \(detail).")
    }

    /// A segment or file could not be fetched.
    public static func fetchFailed(_ detail: String) -> PlaybackError {
        PlaybackError(code: "playback.fetch_failed", message: "Could not fetch the audio: \(detail).")
    }

    /// The audio could not be decoded.
    public static func decodeFailed(_ detail: String) -> PlaybackError {
        PlaybackError(code: "playback.decode_failed", message: "Could not decode the audio: \(detail).")
    }
}
