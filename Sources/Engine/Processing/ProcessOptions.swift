import Media

/// How `MediaProcessor` runs a pass.
public struct ProcessOptions: Sendable {
    /// Limits on the input (duration, damaged packets).
    public var limits: DecodeLimits
    /// Whether the MP3 and AAC encoders run on threads of their own (default) or on the
    /// decoding thread.
    public var threadedEncoders: Bool

    /// Creates options; the defaults are what `sampletok process` uses.
    public init(limits: DecodeLimits = DecodeLimits(), threadedEncoders: Bool = true) {
        self.limits = limits
        self.threadedEncoders = threadedEncoders
    }
}
