import Benchmarks
import Model
import Testing

/// Whether the neighbours are useful: on synthesised one-shots (kicks, snares, hats, bass notes,
/// major and minor chords on six roots), the five nearest by timbre are mostly the same
/// instrument, and among the chords the five nearest by tonality have the same quality
/// whatever their root. Behaviour, not timing (docs/similarity.md has the figures).
@Suite("similarity: useful neighbours on synthesised one-shots")
struct SimilarityUsefulnessTests {
    @Test("precision at 5: same instrument by timbre ≥ 0.9; same chord quality by tonality ≥ 0.9")
    func oneShots() throws {
        let figures = try SimilarityEvaluation.oneShots()
        #expect(figures.timbre >= 0.9, "same instrument P@5 by timbre \(figures.timbre)")
        #expect(figures.chordQuality >= 0.9, "same chord quality P@5 by tonality \(figures.chordQuality)")
    }
}
