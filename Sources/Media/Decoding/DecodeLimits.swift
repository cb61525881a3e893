/// Limits that protect the pipeline from hostile input.
public struct DecodeLimits: Sendable {
    /// The longest input accepted, in seconds (default 15 minutes).
    public var maxDuration: Double
    /// The share of damaged packets above which a file counts as corrupt rather than scratched.
    public var maxCorruptShare: Double
    /// Frames per buffer handed to the sinks.
    public var bufferFrames: Int
    /// The containers a file may be (default: those of files on the user's own disk).
    public var containers: ContainerPolicy

    /// Creates limits; the defaults suit short social clips.
    public init(maxDuration: Double = 15 * 60, maxCorruptShare: Double = 0.2, bufferFrames: Int = 8192,
                containers: ContainerPolicy = .local) {
        self.maxDuration = maxDuration
        self.maxCorruptShare = maxCorruptShare
        self.bufferFrames = bufferFrames
        self.containers = containers
    }
}

/// What happened during a decode pass.
public struct DecodeReport: Sendable {
    /// Sample frames delivered at 48 kHz.
    public var frames: Int
    /// How the channels were mapped to stereo.
    public var channelMapping: ChannelMapping
    /// Packets that failed to decode and were skipped.
    public var skippedPackets: Int
    /// Packets read from the audio stream.
    public var packets: Int
    /// Warnings a user may want to see (skipped packets and the like).
    public var warnings: [String]

    /// The decoded duration in seconds.
    public var duration: Double { Double(frames) / Double(AudioBuffer.sampleRate) }
}
