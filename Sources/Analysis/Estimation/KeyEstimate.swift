import Model

/// The key found in a pitch histogram, with what it was based on.
struct KeyEstimate: Sendable {
    /// The most likely key; nil when there was nothing pitched to judge.
    var key: MusicalKey?
    /// The runner-up key when it scored within `KeyEstimator.tieMargin` of `key`; nil otherwise.
    var alternative: MusicalKey? = nil
    /// 0–1, see `KeyEstimator`.
    var confidence: Double
    /// The tuning offset from A = 440 Hz, in cents (−50…50).
    var tuningCents: Double
    /// The tuning-corrected chroma, C…B, summing to 1 (zeros when silent).
    var chroma: [Double]
}
