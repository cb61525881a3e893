/// One stored file of a sample.
public struct SampleFile: Codable, Sendable, Hashable {
    /// The blob key, e.g. `samples/3F2…/audio.wav`.
    public var key: String
    /// The content type it is served with.
    public var contentType: String
    /// Its size in bytes.
    public var bytes: Int
    /// Where a client can fetch it (filled in by the server; nil in the embedded library).
    public var url: String?

    /// Creates a file reference.
    public init(key: String, contentType: String, bytes: Int, url: String? = nil) {
        self.key = key
        self.contentType = contentType
        self.bytes = bytes
        self.url = url
    }

    enum CodingKeys: String, CodingKey {
        case key, bytes, url
        case contentType = "content_type"
    }
}

/// The files of a completed sample.
public struct SampleFiles: Codable, Sendable, Hashable {
    /// 48 kHz 24-bit WAV.
    public var wav: SampleFile?
    /// 320 kb/s MP3.
    public var mp3: SampleFile?
    /// The HLS playlist.
    public var hls: SampleFile?
    /// The first HLS media segment, so a player can start after one round trip.
    public var hlsFirstSegment: SampleFile?
    /// The HLS folder's other files (init segment and media segments), by key.
    public var hlsSegments: [SampleFile]?
    /// The waveform peaks.
    public var peaks: SampleFile?
    /// The waveform picture.
    public var waveform: SampleFile?

    /// Creates an empty set.
    public init() {}

    /// Every file, for deletion and checks.
    public var all: [SampleFile] {
        [wav, mp3, hls, peaks, waveform].compactMap { $0 } + (hlsSegments ?? [])
    }

    enum CodingKeys: String, CodingKey {
        case wav, mp3, hls, peaks, waveform
        case hlsFirstSegment = "hls_first_segment"
        case hlsSegments = "hls_segments"
    }
}
