/// Audio with a tempo and a key to show: a sample or a stem. The marks of trust (`?` after a
/// tempo or key detected with a confidence below `AnalysisResult.confidenceThreshold`) are
/// worked out here once, for every list that shows them.
public protocol AnalysedAudio {
    /// The tempo to show (nil when none was found).
    var bpm: Double? { get }
    /// The key to show.
    var key: MusicalKey? { get }
    /// Whether the tempo shown is trustworthy.
    var bpmIsConfident: Bool { get }
    /// Whether the key shown is trustworthy.
    var keyIsConfident: Bool { get }
    /// A second key the analysis found nearly as likely as `key` (nil when none, or when the
    /// user set the key).
    var keyAlternative: MusicalKey? { get }
}

extension AnalysedAudio {
    /// The tempo as lists show it, whole BPM (`96`), with `?` when it is not trustworthy; nil without one.
    public var bpmLabel: String? {
        guard let bpm else { return nil }
        return "\(Int(bpm.rounded()))\(bpmIsConfident ? "" : "?")"
    }

    /// The key as lists show it, `Am 8A`, with `?` when it is not trustworthy; nil without a key.
    public var keyLabel: String? {
        guard let key else { return nil }
        return "\(key.shortName) \(key.camelot)\(keyIsConfident ? "" : "?")"
    }
}

extension AnalysisResult {
    /// The confidence from which a detected tempo or key is shown as trustworthy (docs/analysis.md:
    /// at or above it the tempo is the beat people tap and the key is right far more often).
    public static let confidenceThreshold = 0.5

    /// Whether the detected tempo is trustworthy (a tempo was found, with enough confidence).
    public var bpmIsConfident: Bool { bpm > 0 && bpmConfidence >= Self.confidenceThreshold }

    /// Whether the detected key is trustworthy.
    public var keyIsConfident: Bool { musicalKey != nil && keyConfidence >= Self.confidenceThreshold }
}
