import Media

/// How `MediaProcessor` runs a pass.
public struct ProcessOptions: Sendable {
    /// Limits on the input (duration, damaged packets).
    public var limits: DecodeLimits
    /// Whether the MP3 and AAC encoders run on threads of their own (default) or on the
    /// decoding thread.
    public var threadedEncoders: Bool
    /// Called now and then with the share of the input decoded so far, 0–1.
    public var progress: (@Sendable (Double) -> Void)?
    /// Asked between buffers: once it says true, the pass stops with `media.cancelled` and
    /// leaves nothing behind (a server shutting down).
    public var isCancelled: @Sendable () -> Bool

    /// Creates options; the defaults are what `sampletok process` uses.
    public init(limits: DecodeLimits = DecodeLimits(), threadedEncoders: Bool = true,
                progress: (@Sendable (Double) -> Void)? = nil, isCancelled: @escaping @Sendable () -> Bool = { false }) {
        self.limits = limits
        self.threadedEncoders = threadedEncoders
        self.progress = progress
        self.isCancelled = isCancelled
    }
}
