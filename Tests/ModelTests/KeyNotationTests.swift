import Model
import Testing

@Suite struct KeyNotationTests {
    @Test("auto spells flat keys with flats (Db Eb Ab Bb, Ebm Bbm) and the rest with sharps; flats and sharps spell every black key one way")
    func spellings() {
        func name(_ text: String, _ notation: KeyNotation) -> String? { MusicalKey(parsing: text)?.shortName(in: notation) }
        #expect(["A#", "D#", "G#", "C#"].compactMap { name($0, .auto) } == ["Bb", "Eb", "Ab", "Db"])
        #expect(["A#m", "D#m", "C#m", "G#m", "F#m", "F#"].compactMap { name($0, .auto) } == ["Bbm", "Ebm", "C#m", "G#m", "F#m", "F#"])
        #expect(name("F#", .flats) == "Gb" && name("Bb", .sharps) == "A#" && name("Am", .flats) == "Am")
        #expect(MusicalKey(parsing: "Bbm")?.name(in: .auto) == "Bb minor")
        #expect(MusicalKey(parsing: "Bbm")?.shortName == "A#m", "the JSON and file names keep the sharp names")
    }
}
