import Analysis
import Model
import SignalTestSupport
import Testing

/// Key on synthesized chord progressions, and its confidence on things that have no key.
@Suite struct KeyTests {
    /// Every key once; detuned +30 or −30 cents and with or without drums in a pattern that
    /// covers each combination with majors and minors alike.
    @Test(arguments: MusicalKey.all.indices)
    func everyKeyIsFound(index: Int) throws {
        let key = MusicalKey.all[index]
        let cents = index % 2 == 0 ? 30.0 : -30.0
        var audio = Synth.progression(key, cents: cents, seconds: 5)
        let withDrums = (index / 2) % 2 == 0
        if withDrums { audio = Synth.mix(audio, Synth.drums(bpm: 100, seconds: 5), gain: 0.5) }
        let result = try #require(try Synth.analyze(audio))
        #expect(result.musicalKey == key, "\(key) (\(cents) cents, drums \(withDrums)) read as \(result.musicalKey.map { "\($0)" } ?? "none")")
        #expect(result.camelot == key.camelot)
        #expect(result.keyConfidence > 0.5)
    }

    @Test(arguments: [-45.0, 45.0])
    func aQuarterToneOffStillFindsTheKey(cents: Double) throws {
        let key = MusicalKey(tonic: .e, scale: .minor)
        let result = try #require(try Synth.analyze(Synth.progression(key, cents: cents, seconds: 5)))
        #expect(result.musicalKey == key)
    }

    @Test func silenceHasNoKey() throws {
        let result = try #require(try Synth.analyze([Float](repeating: 0, count: 3 * 48_000)))
        #expect(result.musicalKey == nil)
        #expect(result.keyConfidence == 0)
    }

    @Test func whiteNoiseHasLowKeyConfidence() throws {
        let result = try #require(try Synth.analyze(Synth.whiteNoise(seconds: 6)))
        #expect(result.keyConfidence < 0.2)
    }

    @Test func unpitchedDrumsHaveLowKeyConfidence() throws {
        for bpm in [90.0, 120, 174] {
            let result = try #require(try Synth.analyze(Synth.drums(bpm: bpm, seconds: 6, breakbeat: bpm == 174)))
            #expect(result.keyConfidence < 0.3, "drums at \(bpm) BPM")
        }
    }

    @Test(arguments: [110.0, 261.63, 392.0])
    func aSingleSustainedNoteHasLowKeyConfidence(frequency: Double) throws {
        var note = [Float](repeating: 0, count: 6 * 48_000)
        Synth.tone(&note, frequency: frequency, from: 0, seconds: 6, amplitude: 0.3)
        let result = try #require(try Synth.analyze(note))
        #expect(result.keyConfidence < 0.3)
        let progression = try #require(try Synth.analyze(Synth.progression(MusicalKey(tonic: .c, scale: .major), seconds: 5)))
        #expect(result.keyConfidence < progression.keyConfidence)
    }
}
