import Foundation

/// One of the twelve pitch classes of equal temperament, spelled with sharps (`C`, `C#`, … `B`).
///
/// Parsing also accepts flats (`Bb`, `Eb`), the Unicode signs `♯`/`♭` and any letter case.
public enum PitchClass: Int, CaseIterable, Codable, Sendable, Hashable, CustomStringConvertible {
    /// C.
    case c = 0
    /// C sharp / D flat.
    case cSharp
    /// D.
    case d
    /// D sharp / E flat.
    case dSharp
    /// E.
    case e
    /// F.
    case f
    /// F sharp / G flat.
    case fSharp
    /// G.
    case g
    /// G sharp / A flat.
    case gSharp
    /// A.
    case a
    /// A sharp / B flat.
    case aSharp
    /// B.
    case b

    /// The sharp spellings, indexed by pitch class.
    public static let names = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]

    /// The name with sharps, e.g. `F#`; this is also the JSON form.
    public var name: String { Self.names[rawValue] }

    public var description: String { name }

    /// The pitch class `semitones` above this one (negative goes down), wrapping around the octave.
    public func transposed(by semitones: Int) -> PitchClass {
        PitchClass(rawValue: ((rawValue + semitones) % 12 + 12) % 12) ?? self
    }

    /// Parses a note name: a letter A–G and optional sharps or flats (`#`, `♯`, `b`, `♭`), any case.
    /// Returns nil for anything else.
    public init?(name: String) {
        let text = name.trimmingCharacters(in: .whitespaces)
        guard let first = text.first, let letter = Self.letterValue(first) else { return nil }
        var value = letter
        for sign in text.dropFirst() {
            switch sign {
            case "#", "♯": value += 1
            case "b", "B", "♭": value -= 1
            default: return nil
            }
        }
        guard text.count <= 3 else { return nil }
        self = PitchClass(rawValue: ((value % 12) + 12) % 12) ?? .c
    }

    private static func letterValue(_ letter: Character) -> Int? {
        switch letter.uppercased() {
        case "C": 0
        case "D": 2
        case "E": 4
        case "F": 5
        case "G": 7
        case "A": 9
        case "B": 11
        default: nil
        }
    }

    /// Encodes as the sharp name, e.g. `"A#"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }

    /// Decodes a note name (sharps or flats).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = PitchClass(name: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a note name")
        }
        self = value
    }
}
