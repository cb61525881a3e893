import Media
import Model

/// What one processing pass made, and what it cost. `sampletok process --json` prints it.
public struct ProcessSummary: Sendable, Codable {
    /// The input path as given.
    public var input: String
    /// What the input was.
    public var source: SourceInfo
    /// The decoded duration in seconds.
    public var duration: Double
    /// Sample frames at 48 kHz in every output.
    public var frames: Int
    /// How the source's channels became stereo.
    public var channelMapping: ChannelMapping
    /// The files written, relative to the output folder.
    public var outputs: [OutputFile]
    /// Tempo, key and loudness, from the same pass.
    public var analysis: AnalysisResult?
    /// The sound descriptor from the same pass (not in the JSON: `sampletok similar` compares it).
    public var descriptor: SoundDescriptor? = nil
    /// Seconds each stage worked: `decode`, `wav`, `mp3`, `hls`, `peaks`, `png`, ...
    public var stages: [Stage]
    /// Wall-clock seconds of the whole pass.
    public var wallSeconds: Double
    /// CPU seconds (user + system, all threads) of the whole pass.
    public var cpuSeconds: Double
    /// Things a user may want to know (skipped damaged packets and the like).
    public var warnings: [String]

    /// One output file.
    public struct OutputFile: Sendable, Codable {
        /// The output's role: `wav`, `mp3`, `hls`, `peaks`, `png`.
        public var name: String
        /// The path relative to the output folder (for HLS, the playlist).
        public var path: String
        /// The size in bytes (for HLS, the playlist and all segments).
        public var bytes: Int
        /// The content type to serve it with.
        public var contentType: String
        /// How many files the output has (HLS: playlist, init segment and media segments).
        public var files: Int

        enum CodingKeys: String, CodingKey {
            case name, path, bytes, files
            case contentType = "content_type"
        }
    }

    /// The time one stage took.
    public struct Stage: Sendable, Codable {
        /// The stage's name.
        public var name: String
        /// Seconds it worked (for threaded encoders, on their own thread).
        public var seconds: Double
    }

    enum CodingKeys: String, CodingKey {
        case input, source, frames, outputs, analysis, stages, warnings
        case duration = "duration_s"
        case channelMapping = "channel_mapping"
        case wallSeconds = "wall_s"
        case cpuSeconds = "cpu_s"
    }
}
