/// A part of a mix that a stem separator can isolate. The raw values are the API's names.
public enum StemType: String, Codable, Sendable, Hashable, CaseIterable, Comparable {
    /// The lead and backing vocals.
    case vocal
    /// Spoken voice (speech rather than singing).
    case voice
    /// The drum kit and percussion.
    case drum
    /// Piano.
    case piano
    /// Bass (bass guitar, synth bass).
    case bass
    /// Electric guitar.
    case electricGuitar = "electric_guitar"
    /// Acoustic guitar.
    case acousticGuitar = "acoustic_guitar"
    /// Synthesizers.
    case synthesizer
    /// Strings.
    case strings
    /// Wind instruments.
    case wind

    /// Its name for people ("electric guitar").
    public var displayName: String { rawValue.replacingOccurrences(of: "_", with: " ") }

    public static func < (lhs: StemType, rhs: StemType) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
