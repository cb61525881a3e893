/// What the input file is, as libavformat and libavcodec see it before decoding.
public struct SourceInfo: Sendable, Codable, Equatable {
    /// The demuxer's name, e.g. `mov,mp4,m4a,3gp,3g2,mj2` or `wav`.
    public var container: String
    /// The audio codec's name, e.g. `aac`, `opus`, `mp3`.
    public var codec: String
    /// The audio stream's sample rate in Hz.
    public var sampleRate: Int
    /// The audio stream's channel count.
    public var channels: Int
    /// The channel layout as libavutil describes it, e.g. `stereo`, `5.1`.
    public var channelLayout: String
    /// The duration the container declares, in seconds, when it declares one.
    public var declaredDuration: Double?
    /// Whether the file also holds a video stream (ignored by the pipeline).
    public var hasVideo: Bool

    enum CodingKeys: String, CodingKey {
        case container, codec, channels
        case sampleRate = "sample_rate"
        case channelLayout = "channel_layout"
        case declaredDuration = "declared_duration_s"
        case hasVideo = "has_video"
    }
}

/// How the source's channels were turned into the pipeline's stereo.
public enum ChannelMapping: String, Sendable, Codable {
    /// Stereo sources pass through.
    case stereo
    /// Mono sources are duplicated into both channels at the same level.
    case duplicatedMono = "mono_duplicated"
    /// Sources with more than two channels are downmixed by libswresample's default matrix.
    case downmixed
}
