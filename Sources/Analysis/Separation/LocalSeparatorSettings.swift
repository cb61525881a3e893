/// The parameters of the offline separator (`local`). The defaults are the documented ones
/// (docs/stems.md, "Separators"); tests and benchmarks may change them.
public struct LocalSeparatorSettings: Sendable {
    /// STFT size in samples at 48 kHz (2048 = 42.7 ms, bins 23.4 Hz apart).
    public var fftSize = 2048
    /// STFT hop in samples (a quarter of the frame: Hann windows at 75 % overlap).
    public var hop = 512
    /// Frames in the median across time that estimates the harmonic (sustained) part; odd.
    /// 37 frames at a 512 hop span 395 ms, the span of Fitzgerald's 17 frames of 1024 at 44.1 kHz.
    public var harmonicKernel = 37
    /// Bins in the median across frequency that estimates the percussive (broadband) part; odd.
    /// 17 bins span about 400 Hz.
    public var percussiveKernel = 17
    /// A bin goes to `drum` only when its percussive estimate exceeds this many times its
    /// harmonic estimate (Driedger et al. 2014's separation factor β; > 1 leaves the bins that
    /// are neither to a residual, which makes the drum part cleaner).
    public var percussiveMargin: Float = 2
    /// A bin counts as harmonic (for `vocal` and `bass`) when its harmonic estimate exceeds this
    /// many times its percussive estimate.
    public var harmonicMargin: Float = 1
    /// The sharpness of the centre mask of `vocal`: the inter-channel coherence of a bin
    /// (1 for a sound panned to the middle) is raised to this power.
    public var centreSharpness: Float = 8
    /// The band of `vocal`, in Hz: the centred bass and the air above the voice stay out.
    public var vocalBand: ClosedRange<Double> = 120...8_000
    /// The upper edge of `bass`, in Hz; the mask fades out linearly over `bassFade` above it.
    public var bassCutoff: Double = 200
    /// The width of the fade above `bassCutoff`, in Hz.
    public var bassFade: Double = 50
    /// Below this ratio of side (L−R) to mid (L+R) energy a file counts as mono, and `vocal` is
    /// refused (−60 dB).
    public var monoSideRatio: Double = 1e-6

    /// The settings the app ships with.
    public init() {}
}
