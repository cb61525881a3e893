/// How key names are spelled: `auto` (the default) spells each key as producers name it, flats
/// where the key is a flat key (Db, Eb, Ab, Bb major; Ebm, Bbm) and sharps elsewhere (F#, C#m,
/// G#m); `flats` and `sharps` spell every black-key tonic one way. `notation` in `settings.toml`
/// sets it for the app, `sampletok show` and `sampletok list`.
public enum KeyNotation: String, Sendable, CaseIterable, Codable {
    /// Flats for flat keys, sharps for the rest.
    case auto
    /// Every black-key tonic as a flat (Db, Eb, Gb, Ab, Bb).
    case flats
    /// Every black-key tonic as a sharp (C#, D#, F#, G#, A#), the JSON form.
    case sharps
}

extension PitchClass {
    /// The flat spellings, indexed by pitch class.
    public static let flatNames = ["C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B"]
}

extension MusicalKey {
    /// The keys whose signature has flats and whose tonic is a black key (auto spells them with flats).
    private static let flatKeys: Set<MusicalKey> = [
        MusicalKey(tonic: .cSharp, scale: .major), MusicalKey(tonic: .dSharp, scale: .major),
        MusicalKey(tonic: .gSharp, scale: .major), MusicalKey(tonic: .aSharp, scale: .major),
        MusicalKey(tonic: .dSharp, scale: .minor), MusicalKey(tonic: .aSharp, scale: .minor),
    ]

    /// The tonic's name in `notation`: `Bb` or `A#`.
    public func tonicName(in notation: KeyNotation) -> String {
        switch notation {
        case .sharps: tonic.name
        case .flats: PitchClass.flatNames[tonic.rawValue]
        case .auto: Self.flatKeys.contains(self) ? PitchClass.flatNames[tonic.rawValue] : tonic.name
        }
    }

    /// The short form in `notation`: `Bbm`, `Eb`, `F#`.
    public func shortName(in notation: KeyNotation) -> String { tonicName(in: notation) + (scale == .minor ? "m" : "") }

    /// The name a person reads in `notation`: `Bb minor`.
    public func name(in notation: KeyNotation) -> String { "\(tonicName(in: notation)) \(scale.rawValue)" }
}

extension AnalysedAudio {
    /// `keyLabel` spelled in `notation`: `Bbm 3A`.
    public func keyLabel(in notation: KeyNotation) -> String? {
        guard let key else { return nil }
        return "\(key.shortName(in: notation)) \(key.camelot)\(keyIsConfident ? "" : "?")"
    }

    /// The key as detail views show it in `notation`, `A minor (8A)`, with `?` when it is not
    /// trustworthy and the nearly tied second key after it: `A minor (8A)?, or C major`; nil
    /// without a key.
    public func keyDetail(in notation: KeyNotation = .sharps) -> String? {
        guard let key else { return nil }
        return "\(key.name(in: notation)) (\(key.camelot))\(keyIsConfident ? "" : "?")"
            + (keyAlternative.map { ", or \($0.name(in: notation))" } ?? "")
    }
}
