import Foundation
import Model
import Testing

@Suite struct MusicalKeyTests {
    /// The Camelot wheel as DJs print it.
    static let wheel: [String: String] = [
        "C major": "8B", "G major": "9B", "D major": "10B", "A major": "11B", "E major": "12B",
        "B major": "1B", "F# major": "2B", "C# major": "3B", "G# major": "4B", "D# major": "5B",
        "A# major": "6B", "F major": "7B",
        "A minor": "8A", "E minor": "9A", "B minor": "10A", "F# minor": "11A", "C# minor": "12A",
        "G# minor": "1A", "D# minor": "2A", "A# minor": "3A", "F minor": "4A", "C minor": "5A",
        "G minor": "6A", "D minor": "7A",
    ]

    @Test func camelotCodesOfAll24Keys() {
        #expect(MusicalKey.all.count == 24)
        for key in MusicalKey.all {
            #expect(key.camelot == Self.wheel[key.description], "\(key)")
        }
        #expect(Set(MusicalKey.all.map(\.camelot)).count == 24)
    }

    @Test func camelotCodesParseBackToTheirKeys() {
        for key in MusicalKey.all {
            #expect(MusicalKey(camelot: key.camelot) == key)
            #expect(MusicalKey(parsing: key.camelot.lowercased()) == key)
        }
        #expect(MusicalKey(camelot: "13A") == nil)
        #expect(MusicalKey(camelot: "0B") == nil)
        #expect(MusicalKey(camelot: "8C") == nil)
    }

    @Test(arguments: [
        ("A minor", "A minor"), ("Am", "A minor"), ("a min", "A minor"), ("Bbm", "A# minor"),
        ("Bb", "A# major"), ("F#", "F# major"), ("Gb major", "F# major"), ("C#min", "C# minor"),
        ("Ebmaj", "D# major"), ("8A", "A minor"), ("12b", "E major"), ("e minor", "E minor"),
        ("B", "B major"), ("Bm", "B minor"), ("D♭ major", "C# major"),
    ])
    func parsesWhatPeopleType(text: String, expected: String) {
        #expect(MusicalKey(parsing: text)?.description == expected)
    }

    @Test(arguments: ["", "H", "X minor", "A dorian", "C major minor", "13A", "A#b#"])
    func rejectsWhatIsNotAKey(text: String) {
        #expect(MusicalKey(parsing: text) == nil)
    }

    @Test func compatibleKeysAreNeighboursOnTheWheel() throws {
        let aMinor = try #require(MusicalKey(parsing: "8A"))
        #expect(Set(aMinor.compatibleKeys.map(\.camelot)) == ["8A", "7A", "9A", "8B"])
        let eMajor = try #require(MusicalKey(parsing: "12B"))
        #expect(Set(eMajor.compatibleKeys.map(\.camelot)) == ["12B", "11B", "1B", "12A"])
        #expect(aMinor.isCompatible(with: MusicalKey(tonic: .c, scale: .major)))
        #expect(!aMinor.isCompatible(with: MusicalKey(tonic: .a, scale: .major)))
    }

    @Test func relativeAndParallelKeys() {
        for key in MusicalKey.all {
            #expect(key.relative.relative == key)
            #expect(key.relative.camelotNumber == key.camelotNumber)
            #expect(key.parallel.tonic == key.tonic)
            #expect(key.parallel.scale != key.scale)
        }
    }

    @Test func pitchClassNamesAndFlats() {
        #expect(PitchClass.allCases.map(\.name) == ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"])
        #expect(PitchClass(name: "Db") == .cSharp)
        #expect(PitchClass(name: "Cb") == .b)
        #expect(PitchClass(name: "E#") == .f)
        #expect(PitchClass.b.transposed(by: 1) == .c)
        #expect(PitchClass.c.transposed(by: -1) == .b)
    }
}
