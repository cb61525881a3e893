/// What to encode and how to mux it: one of the pipeline's outputs.
public struct EncoderSettings: Sendable {
    /// The libavformat muxer, e.g. `wav`, `mp3`, `hls`.
    public var muxer: String
    /// The libavcodec encoder, e.g. `pcm_s24le`, `libmp3lame`, `aac`.
    public var encoder: String
    /// The target bit rate in bits per second, for lossy encoders.
    public var bitRate: Int?
    /// Private options of the encoder (`AVCodecContext` AVOptions).
    public var encoderOptions: [String: String]
    /// Private options of the muxer.
    public var muxerOptions: [String: String]
    /// Whether timestamps before zero (encoder priming) are written as they are, so that an
    /// edit list can signal them, instead of being shifted to start at zero.
    public var keepNegativeTimestamps: Bool

    /// Creates settings for an output.
    public init(muxer: String, encoder: String, bitRate: Int? = nil, encoderOptions: [String: String] = [:],
                muxerOptions: [String: String] = [:], keepNegativeTimestamps: Bool = false) {
        self.muxer = muxer
        self.encoder = encoder
        self.bitRate = bitRate
        self.encoderOptions = encoderOptions
        self.muxerOptions = muxerOptions
        self.keepNegativeTimestamps = keepNegativeTimestamps
    }
}

extension EncoderSettings {
    /// 48 kHz 24-bit PCM WAV.
    public static let wav = EncoderSettings(muxer: "wav", encoder: "pcm_s24le")

    /// 320 kb/s CBR MP3 through libmp3lame, with the Xing/LAME header (length, delay, padding).
    /// `compression_level` 7 is LAME's `-q 7`: the psychoacoustic model still picks short blocks
    /// and M/S, but quantisation noise is not shaped band by band. At 320 kb/s every band gets
    /// plenty of bits, so this costs no measurable SNR and saves a third to half of the encoder's
    /// CPU (docs/media-pipeline.md, "Encoder settings").
    public static let mp3 = EncoderSettings(muxer: "mp3", encoder: "libmp3lame", bitRate: 320_000,
                                            encoderOptions: ["compression_level": "7"],
                                            muxerOptions: ["write_xing": "1", "id3v2_version": "4"])

    /// AAC at about 320 kb/s with libavcodec's fast coder. At this rate each channel gets 160 kb/s,
    /// above transparency for plain L/R coding, so the costly M/S search and the low-bit-rate
    /// tools that replace signal with noise (PNS) or fold stereo (intensity stereo) are off;
    /// TNS stays on because it keeps drum transients free of pre-echo.
    ///
    /// Constant quality (`flags=+qscale`) instead of the encoder's average-bit-rate loop: that
    /// loop re-encodes every frame up to five more times while a frame uses fewer bits than the
    /// nominal rate, which is every frame of a tone or a sine bass (2–4× the CPU of music).
    /// With `+qscale` each frame is encoded once; `global_quality` is the encoder's lambda
    /// (120 is its neutral value, `-q:a 1` in the ffmpeg CLI is 118 = `FF_QP2LAMBDA`), which the
    /// fast coder scales the nominal 320 kb/s frame budget by: 130 lands dense music at
    /// 290–335 kb/s, its SNR within 1.5 dB of the average-bit-rate loop's (mostly above), while
    /// sparse material takes only the bits it needs.
    public static let aacOptions: [String: String] = [
        "aac_coder": "fast", "aac_ms": "0", "aac_pns": "0", "aac_is": "0", "aac_tns": "1",
        "flags": "+qscale", "global_quality": "130",
    ]

    /// HLS VOD with fragmented-MP4 AAC segments of two seconds. The init segment's edit list
    /// tells players to skip the AAC encoder's priming, so the stream has the source's length.
    public static func hls(segmentPattern: String, initName: String = "init.mp4") -> EncoderSettings {
        EncoderSettings(
            muxer: "hls", encoder: "aac", bitRate: 320_000, encoderOptions: aacOptions,
            muxerOptions: [
                "hls_time": "2", "hls_playlist_type": "vod", "hls_segment_type": "fmp4",
                "hls_segment_filename": segmentPattern, "hls_fmp4_init_filename": initName,
                "hls_flags": "independent_segments",
            ],
            keepNegativeTimestamps: true)
    }
}
