/// A run of decoded stereo audio at the pipeline's rate, 48 kHz, as planar 32-bit floats.
///
/// Every consumer of the one decode pass reads these. Mono sources arrive with the same
/// samples in both channels; sources with more channels arrive downmixed.
public struct AudioBuffer: Sendable {
    /// The sample rate of every buffer the pipeline produces.
    public static let sampleRate = 48_000
    /// The number of channels of every buffer the pipeline produces.
    public static let channelCount = 2

    /// Left channel samples, nominally in -1...1.
    public var left: [Float]
    /// Right channel samples, as many as `left`.
    public var right: [Float]

    /// Creates a buffer from two channels of equal length.
    public init(left: [Float], right: [Float]) {
        precondition(left.count == right.count, "channels must have the same length")
        self.left = left
        self.right = right
    }

    /// Creates a buffer that plays the same samples on both channels.
    public init(mono: [Float]) {
        self.left = mono
        self.right = mono
    }

    /// The number of sample frames (samples per channel).
    public var frameCount: Int { left.count }

    /// The duration in seconds at 48 kHz.
    public var duration: Double { Double(frameCount) / Double(Self.sampleRate) }
}
