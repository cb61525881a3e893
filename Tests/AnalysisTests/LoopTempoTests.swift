import Analysis
import SignalTestSupport
import Testing

/// The loop-length cue on material whose tempo is known by construction: a figure that repeats
/// every 1.5 beats (`Synth.dottedFigure`), which onset periodicity reads at ⅔ of the tempo.
@Suite struct LoopTempoTests {
    /// Cut on bar lines to 2, 4 or 8 bars of four beats, the figure is a loop whose length says
    /// the beat: at 156 BPM 16 beats, at 104 BPM 10⅔.
    @Test(arguments: [8.0, 16, 32])
    func aBarAlignedLoopKeepsItsBeat(beats: Double) throws {
        let result = try #require(try Synth.analyze(Synth.dottedFigure(bpm: 156, beats: beats)))
        #expect(AnalysisScoring.tempoAccuracy1(result.bpm, truth: 156), "\(beats) beats read as \(result.bpm)")
    }

    /// The cue reads four-bar loops at other tempi as well.
    @Test(arguments: [140.0, 180])
    func fourBarLoopsAtOtherTempi(bpm: Double) throws {
        let result = try #require(try Synth.analyze(Synth.dottedFigure(bpm: bpm, beats: 16)))
        #expect(AnalysisScoring.tempoAccuracy1(result.bpm, truth: bpm), "\(bpm) BPM read as \(result.bpm)")
    }

    /// Cut to a length that is no loop (17.3 beats), or that is a whole number of beats at ⅔
    /// of the tempo as well (15 beats of 156 are 10 of 104), the length says nothing and the
    /// periodicity reading stands.
    @Test(arguments: [17.3, 15])
    func aClipOfNoLoopLengthKeepsThePeriodicityReading(beats: Double) throws {
        let result = try #require(try Synth.analyze(Synth.dottedFigure(bpm: 156, beats: beats)))
        #expect(AnalysisScoring.tempoAccuracy1(result.bpm, truth: 104), "\(beats) beats read as \(result.bpm)")
    }

    /// Sixteen bars at 120 BPM last 32 s: longer than a loop, so the cue stays silent even though
    /// the length fits.
    @Test func aLongClipIsNoLoop() throws {
        let result = try #require(try Synth.analyze(Synth.dottedFigure(bpm: 120, beats: 64)))
        #expect(AnalysisScoring.tempoAccuracy1(result.bpm, truth: 80), "read as \(result.bpm)")
    }
}
