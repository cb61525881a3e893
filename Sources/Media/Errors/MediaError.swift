import Model

/// An error from reading or writing media, with a dotted code a program can match
/// and a message a person can act on.
///
/// Codes: `media.not_found`, `media.unreadable`, `media.no_audio`, `media.corrupt`,
/// `media.too_long`, `media.empty`, `media.unsupported_container`, `media.cancelled`,
/// `output.unwritable`, `media.internal`.
public struct MediaError: CodedError, Equatable {
    /// The dotted code, e.g. `media.corrupt`.
    public let code: String
    /// What went wrong and, where possible, what to do about it.
    public let message: String

    /// Creates an error with a code and a message.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }


    /// The input file does not exist.
    public static func notFound(_ path: String) -> MediaError {
        MediaError(code: "media.not_found", message: "No file at '\(path)'. Check the path.")
    }

    /// The input is not a media file that libavformat recognises.
    public static func unreadable(_ path: String, _ detail: String) -> MediaError {
        MediaError(code: "media.unreadable",
                   message: "'\(path)' is not an audio or video file SampleTok can read (\(detail)).")
    }

    /// The input has no audio stream (a video-only file, an image).
    public static func noAudio(_ path: String) -> MediaError {
        MediaError(code: "media.no_audio", message: "'\(path)' has no audio stream: there is nothing to sample.")
    }

    /// The input is recognised but damaged: truncated, or mostly garbage.
    public static func corrupt(_ path: String, _ detail: String) -> MediaError {
        MediaError(code: "media.corrupt", message: "'\(path)' is damaged: \(detail).")
    }

    /// The input is longer than the configured limit.
    public static func tooLong(_ path: String, seconds: Double, limit: Double) -> MediaError {
        MediaError(code: "media.too_long",
                   message: "'\(path)' lasts \(Self.clock(seconds)), more than the limit of \(Self.clock(limit)). "
                       + "Trim it, or raise the limit with --max-duration.")
    }

    /// The input is empty or decodes to no sound at all.
    public static func empty(_ path: String) -> MediaError {
        MediaError(code: "media.empty", message: "'\(path)' holds no audio samples.")
    }

    /// The input is a container SampleTok does not open: a playlist or a format that refers to
    /// other files (HLS, DASH, a concat list, an MP4 whose data lives elsewhere), or one outside
    /// the allowed list. `what` says what it is.
    public static func unsupportedContainer(_ path: String, _ what: String) -> MediaError {
        MediaError(code: "media.unsupported_container",
                   message: "'\(path)' is \(what), which SampleTok does not open: it reads single-file audio and video "
                       + "containers (MP4/MOV/M4A, WebM/Matroska, MP3, WAV, FLAC, Ogg, AAC, …), never playlists or files "
                       + "that point at other files. Export the audio to one of those formats.")
    }

    /// The pass was stopped from outside (a server shutting down) before it finished.
    public static func cancelled(_ path: String) -> MediaError {
        MediaError(code: "media.cancelled", message: "Processing '\(path)' was stopped before it finished.")
    }

    /// The output folder or a file in it cannot be written.
    public static func outputUnwritable(_ path: String, _ detail: String) -> MediaError {
        MediaError(code: "output.unwritable", message: "Cannot write '\(path)' (\(detail)). Check the folder and its permissions.")
    }

    /// A libav* call failed in a way that points at a bug or a missing codec.
    public static func `internal`(_ what: String, _ detail: String) -> MediaError {
        MediaError(code: "media.internal", message: "\(what) failed: \(detail).")
    }

    private static func clock(_ seconds: Double) -> String { DurationText.clock(seconds) }
}
