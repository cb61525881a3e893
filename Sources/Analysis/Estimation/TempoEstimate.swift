/// The tempo found in an onset envelope.
struct TempoEstimate: Sendable {
    /// Beats per minute, 0.1 BPM resolution; 0 when there is no pulse to measure.
    var bpm: Double
    /// 0–1, see `TempoEstimator`.
    var confidence: Double
    /// The metrical comb salience at `bpm` (normalised autocorrelation, −1…1).
    var salience: Double
}
