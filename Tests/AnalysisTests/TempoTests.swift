import Analysis
import Model
import SignalTestSupport
import Testing

/// Tempo on synthesized clicks and drum patterns.
@Suite struct TempoTests {
    static func within4Percent(_ estimate: Double, _ truth: Double) -> Bool {
        AnalysisScoring.tempoAccuracy1(estimate, truth: truth)
    }

    /// The tempo or a neighbouring metrical level (double or half) of it.
    static func sameOrOctave(_ estimate: Double, _ truth: Double) -> Bool {
        [0.5, 1, 2].contains { within4Percent(estimate, truth * $0) }
    }

    @Test(arguments: [60.0, 87, 120, 128, 140, 174])
    func clickTrackTempoIsFound(bpm: Double) throws {
        let result = try #require(try Synth.analyze(Synth.clicks(bpm: bpm, seconds: 10)))
        #expect(Self.within4Percent(result.bpm, bpm), "\(bpm) BPM clicks read as \(result.bpm)")
        // 0.1 BPM resolution, not a grid of whole numbers or coarse bins.
        #expect(abs(result.bpm * 10 - (result.bpm * 10).rounded()) < 1e-9)
        #expect(abs(result.bpm - bpm) < 1.5, "\(bpm) BPM clicks read as \(result.bpm)")
    }

    /// A bare click at 200 BPM is just as much a 100 BPM pulse with off-beats; the 120 BPM
    /// prior is allowed to pick either, but nothing else.
    @Test func fastClickTrackLandsOnItsMetricalLevel() throws {
        let result = try #require(try Synth.analyze(Synth.clicks(bpm: 200, seconds: 8)))
        #expect(Self.sameOrOctave(result.bpm, 200), "200 BPM clicks read as \(result.bpm)")
    }

    @Test(arguments: [87.0, 120, 128, 140], [false, true])
    func drumPatternTempoIsFound(bpm: Double, swing: Bool) throws {
        let result = try #require(try Synth.analyze(Synth.drums(bpm: bpm, seconds: 8, swing: swing)))
        #expect(Self.within4Percent(result.bpm, bpm), "\(bpm) BPM drums (swing \(swing)) read as \(result.bpm)")
        #expect(result.bpmConfidence > 0.3)
    }

    /// At the edges of the range a kick–snare loop is as periodic at the half bar as at the
    /// beat, and the 120 BPM prior alone would read 60 BPM as 120 and 200 as 100; the snare
    /// alternating with the kick beat by beat (the backbeat) keeps the beat.
    @Test(arguments: [60.0, 200], [false, true])
    func backbeatKeepsTheBeatAtTheEdges(bpm: Double, swing: Bool) throws {
        let result = try #require(try Synth.analyze(Synth.drums(bpm: bpm, seconds: 8, swing: swing)))
        #expect(Self.within4Percent(result.bpm, bpm), "\(bpm) BPM drums (swing \(swing)) read as \(result.bpm)")
    }

    /// Kick on 1 and 3 and snare on 2 and 4, nothing else: the two-beat cell repeats as strongly
    /// as the beat, and onset periodicity with the tempo prior reads half the tempo from
    /// 150 BPM up. The alternation of the kick and snare bands gives the beat.
    @Test(arguments: [150.0, 160, 174, 200])
    func backbeatSettlesABareKickSnareGroove(bpm: Double) throws {
        let result = try #require(try Synth.analyze(Synth.drums(bpm: bpm, seconds: 10, hats: false)))
        #expect(Self.within4Percent(result.bpm, bpm), "\(bpm) BPM kick–snare read as \(result.bpm)")
    }

    /// The drum & bass break (kick on 1 and the "and" of 3) alternates less clearly; the
    /// estimate must still be that tempo or its double or half, never a third or noise.
    @Test(arguments: [false, true])
    func breakbeatKeepsItsPulse(swing: Bool) throws {
        let result = try #require(try Synth.analyze(Synth.drums(bpm: 174, seconds: 8, swing: swing, breakbeat: true)))
        #expect(Self.sameOrOctave(result.bpm, 174), "174 BPM break (swing \(swing)) read as \(result.bpm)")
    }

    @Test func quietFadeInUnderNoiseKeepsTheTempo() throws {
        var drums = Synth.drums(bpm: 128, seconds: 10)
        let fade = Int(4 * Synth.rate)
        for i in 0..<fade { drums[i] *= Float(i) / Float(fade) * 0.1 }
        for i in fade..<drums.count { drums[i] *= 0.1 }
        let mixed = Synth.mix(drums, Synth.whiteNoise(seconds: 10, amplitude: 0.01))
        let result = try #require(try Synth.analyze(mixed))
        #expect(Self.within4Percent(result.bpm, 128), "read as \(result.bpm)")
    }

    @Test func noiseHasNoConfidentTempo() throws {
        let noise = try #require(try Synth.analyze(Synth.whiteNoise(seconds: 8)))
        let clicks = try #require(try Synth.analyze(Synth.clicks(bpm: 120, seconds: 8)))
        #expect(noise.bpmConfidence < 0.3)
        #expect(clicks.bpmConfidence > 0.5)
    }

    /// What a user would notice: a steady groove is surer than the same groove played sloppily,
    /// than one that changes tempo halfway, and than noise.
    @Test func steadyGrooveIsSurerThanABlurredOrChangingOne() throws {
        let steady = try #require(try Synth.analyze(Synth.drums(bpm: 120, seconds: 20)))
        let smeared = try #require(try Synth.analyze(Synth.drums(bpm: 120, seconds: 20, smear: 0.07)))
        let changing = try #require(try Synth.analyze(
            Synth.drums(bpm: 120, seconds: 10) + Synth.drums(bpm: 150, seconds: 10)))
        let noise = try #require(try Synth.analyze(Synth.whiteNoise(seconds: 20)))
        #expect(Self.within4Percent(steady.bpm, 120), "steady 120 BPM read as \(steady.bpm)")
        #expect(steady.bpmConfidence > 0.5)
        #expect(steady.bpmConfidence > smeared.bpmConfidence,
                "steady \(steady.bpmConfidence), smeared \(smeared.bpmConfidence)")
        #expect(steady.bpmConfidence > changing.bpmConfidence,
                "steady \(steady.bpmConfidence), 120 then 150 BPM \(changing.bpmConfidence)")
        #expect(changing.bpmConfidence <= 0.5, "120 then 150 BPM: \(changing.bpm) at \(changing.bpmConfidence)")
        #expect(steady.bpmConfidence > noise.bpmConfidence)
    }

    /// A sustained note has no pulse; the ripple of its stationary spectrum from frame to frame
    /// must not pass for one.
    @Test(arguments: [196.0, 261.6, 440])
    func sustainedToneHasNoConfidentTempo(frequency: Double) throws {
        var tone = [Float](repeating: 0, count: Int(10 * Synth.rate))
        Synth.tone(&tone, frequency: frequency, from: 0, seconds: 10, amplitude: 0.3)
        let result = try #require(try Synth.analyze(tone))
        #expect(result.bpmConfidence < 0.3, "\(frequency) Hz tone: \(result.bpm) BPM at \(result.bpmConfidence)")
    }

    @Test func silenceHasNoTempo() throws {
        let result = try #require(try Synth.analyze([Float](repeating: 0, count: 5 * 48_000)))
        #expect(result.bpm == 0)
        #expect(result.bpmConfidence == 0)
    }
}
