import Foundation

/// A musical key: a tonic pitch class and a scale, with its Camelot wheel code.
///
/// Parses the forms people type: `"A minor"`, `"Am"`, `"A min"`, `"F# major"`, `"Bb"`, `"8A"`.
public struct MusicalKey: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The tonic.
    public var tonic: PitchClass
    /// Major or minor.
    public var scale: Scale

    /// Creates a key from its tonic and scale.
    public init(tonic: PitchClass, scale: Scale) {
        self.tonic = tonic
        self.scale = scale
    }

    /// All 24 keys, majors then minors, each in pitch-class order.
    public static let all: [MusicalKey] = Scale.allCases.flatMap { scale in
        PitchClass.allCases.map { MusicalKey(tonic: $0, scale: scale) }
    }

    /// The name a person reads, e.g. `A minor`.
    public var description: String { "\(tonic.name) \(scale.rawValue)" }

    /// The short form, e.g. `Am` or `F#`.
    public var shortName: String { tonic.name + (scale == .minor ? "m" : "") }

    /// The Camelot wheel number 1–12 (C major and A minor are 8).
    public var camelotNumber: Int {
        // Going up a fifth (7 semitones) moves one step clockwise; C major is 8B, A minor 8A.
        let reference = scale == .major ? PitchClass.c : PitchClass.a
        let steps = ((tonic.rawValue - reference.rawValue) * 7 % 12 + 12) % 12
        return (8 - 1 + steps) % 12 + 1
    }

    /// The Camelot code, e.g. `8A` for A minor, `8B` for C major.
    public var camelot: String { "\(camelotNumber)\(scale == .minor ? "A" : "B")" }

    /// The relative key: same notes, other mode (A minor ↔ C major).
    public var relative: MusicalKey {
        scale == .minor ? MusicalKey(tonic: tonic.transposed(by: 3), scale: .major)
                        : MusicalKey(tonic: tonic.transposed(by: -3), scale: .minor)
    }

    /// The parallel key: same tonic, other mode (A minor ↔ A major).
    public var parallel: MusicalKey { MusicalKey(tonic: tonic, scale: scale.opposite) }

    /// The keys that mix harmonically with this one on the Camelot wheel: itself, one step either
    /// way in the same mode (a fifth up or down), and the relative key.
    public var compatibleKeys: [MusicalKey] {
        [self,
         MusicalKey(tonic: tonic.transposed(by: 7), scale: scale),
         MusicalKey(tonic: tonic.transposed(by: -7), scale: scale),
         relative]
    }

    /// Whether `other` is one of `compatibleKeys`.
    public func isCompatible(with other: MusicalKey) -> Bool { compatibleKeys.contains(other) }

    /// The key with a Camelot code such as `8A` or `12b`; nil when it is not one.
    public init?(camelot code: String) {
        let text = code.trimmingCharacters(in: .whitespaces).uppercased()
        guard let letter = text.last, letter == "A" || letter == "B",
              let number = Int(text.dropLast()), (1...12).contains(number) else { return nil }
        let scale: Scale = letter == "A" ? .minor : .major
        let reference = scale == .major ? PitchClass.c : PitchClass.a
        // Each step clockwise is a fifth up; 7 is its own inverse modulo 12.
        let steps = ((number - 8) % 12 + 12) % 12
        self.init(tonic: reference.transposed(by: steps * 7), scale: scale)
    }

    /// Parses `"A minor"`, `"Am"`, `"A min"`, `"a-moll"`-free plain forms, `"F#"` (major), `"Bbm"`,
    /// or a Camelot code (`"8A"`). Returns nil for anything else.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let key = MusicalKey(camelot: trimmed) {
            self = key
            return
        }
        var words = trimmed.split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "-" }).map(String.init)
        guard !words.isEmpty, words.count <= 2 else { return nil }
        var scale = Scale.major
        if words.count == 2 {
            switch words[1].lowercased() {
            case "major", "maj", "dur": scale = .major
            case "minor", "min", "moll": scale = .minor
            default: return nil
            }
        } else {
            let word = words[0]
            for suffix in ["minor", "min", "m"] where word.lowercased().hasSuffix(suffix) && word.count > suffix.count {
                // "Am", "Bbm", "C#min": the tonic is what precedes the suffix.
                let tonicPart = String(word.dropLast(suffix.count))
                if PitchClass(name: tonicPart) != nil {
                    words[0] = tonicPart
                    scale = .minor
                    break
                }
            }
            for suffix in ["major", "maj"] where word.lowercased().hasSuffix(suffix) && word.count > suffix.count {
                let tonicPart = String(word.dropLast(suffix.count))
                if PitchClass(name: tonicPart) != nil {
                    words[0] = tonicPart
                    scale = .major
                    break
                }
            }
        }
        guard let tonic = PitchClass(name: words[0]) else { return nil }
        self.init(tonic: tonic, scale: scale)
    }
}
