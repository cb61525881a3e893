import Analysis
import Media
import Model
import SignalTestSupport
import Testing

/// The sink's life cycle and its independence from how the stream is cut into buffers.
@Suite struct AnalysisSinkTests {
    @Test func noAudioGivesAnEmptyResultNotACrash() throws {
        let sink = try AnalysisSink()
        try sink.finish()
        let result = try #require(sink.result)
        #expect(result.durationSeconds == 0)
        #expect(result.bpm == 0 && result.bpmConfidence == 0)
        #expect(result.musicalKey == nil && result.keyConfidence == 0)
        #expect(result.loudnessLUFS == -70)
    }

    @Test func aFewSamplesGiveAnEmptyResult() throws {
        let sink = try AnalysisSink()
        try sink.consume(AudioBuffer(mono: [0.5, -0.5, 0.25]))
        try sink.finish()
        let result = try #require(sink.result)
        #expect(result.bpm == 0)
        #expect(abs(result.durationSeconds - 3.0 / 48_000) < 1e-12)
    }

    @Test func audioAfterFinishIsRefused() throws {
        let sink = try AnalysisSink()
        try sink.finish()
        #expect(throws: AnalysisError.finished) { try sink.consume(AudioBuffer(mono: [0, 0])) }
    }

    @Test func cancelLeavesNoResult() throws {
        let sink = try AnalysisSink()
        try sink.consume(AudioBuffer(mono: Synth.clicks(bpm: 120, seconds: 1)))
        sink.cancel()
        #expect(sink.result == nil)
        #expect(sink.name == "analysis")
    }

    @Test func bufferSizesDoNotChangeTheResult() throws {
        let audio = Synth.mix(Synth.drums(bpm: 96, seconds: 6), Synth.progression(.init(tonic: .d, scale: .minor), seconds: 6))
        var results: [AnalysisResult] = []
        for size in [8192, 1000, 4801] {
            results.append(try #require(try Synth.finishedSink(left: audio, right: audio, buffer: size).result))
        }
        #expect(results[1] == results[0])
        #expect(results[2] == results[0])
        #expect(results[0].durationSeconds == 6)
    }
}
