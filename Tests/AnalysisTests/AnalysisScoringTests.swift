import Analysis
import Model
import Testing

/// The MIREX conventions the bench reports.
@Suite struct AnalysisScoringTests {
    @Test func keyScoreWeights() throws {
        let c = MusicalKey(tonic: .c, scale: .major)
        #expect(AnalysisScoring.keyScore(c, truth: c) == 1)
        #expect(AnalysisScoring.keyScore(MusicalKey(tonic: .g, scale: .major), truth: c) == 0.5)
        #expect(AnalysisScoring.keyScore(MusicalKey(tonic: .f, scale: .major), truth: c) == 0.5)
        #expect(AnalysisScoring.keyScore(MusicalKey(tonic: .a, scale: .minor), truth: c) == 0.3)
        #expect(AnalysisScoring.keyScore(MusicalKey(tonic: .c, scale: .minor), truth: c) == 0.2)
        #expect(AnalysisScoring.keyScore(MusicalKey(tonic: .d, scale: .major), truth: c) == 0)
        #expect(AnalysisScoring.keyScore(MusicalKey(tonic: .e, scale: .minor), truth: c) == 0)
        #expect(AnalysisScoring.keyScore(nil, truth: c) == 0)
        let aMinor = MusicalKey(tonic: .a, scale: .minor)
        #expect(AnalysisScoring.keyScore(c, truth: aMinor) == 0.3)
        #expect(AnalysisScoring.keyScore(MusicalKey(tonic: .e, scale: .minor), truth: aMinor) == 0.5)
    }

    @Test func tempoAccuracies() {
        #expect(AnalysisScoring.tempoAccuracy1(124.7, truth: 120))
        #expect(!AnalysisScoring.tempoAccuracy1(125, truth: 120))
        #expect(!AnalysisScoring.tempoAccuracy1(60, truth: 120))
        #expect(AnalysisScoring.tempoAccuracy2(60, truth: 120))
        #expect(AnalysisScoring.tempoAccuracy2(40, truth: 120))
        #expect(AnalysisScoring.tempoAccuracy2(360, truth: 120))
        #expect(!AnalysisScoring.tempoAccuracy2(80, truth: 120))
    }
}
