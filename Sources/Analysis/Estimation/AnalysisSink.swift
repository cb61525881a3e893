import Media
import Model

/// The analysis of the one decode pass: an `AudioSink` that measures loudness on the 48 kHz
/// stereo input and, from a decimated 12 kHz mono copy, accumulates an onset envelope (tempo)
/// and a pitch histogram (key) as the buffers arrive, and the timbre of the onset detector's
/// spectra (`TimbreFrames`). `finish()` turns them into an `AnalysisResult`, available as
/// `result`, and a `SoundDescriptor` for the similarity search, as `descriptor`.
///
/// It holds only the features and a few thousand samples of the mono copy, never the stream.
///
/// ```swift
/// let analysis = try AnalysisSink()
/// _ = try decoder.run { buffer in try analysis.consume(buffer) }
/// try analysis.finish()
/// let result = analysis.result   // AnalysisResult
/// ```
public final class AnalysisSink: AudioSink {
    /// `analysis`.
    public let name = "analysis"
    /// The analysis, set by `finish()`; nil before, and after `cancel()`.
    public private(set) var result: AnalysisResult?
    /// The tuning offset from A = 440 Hz found by `finish()`, in cents (diagnostic).
    public private(set) var tuningCents: Double = 0
    /// The tuning-corrected chroma found by `finish()`, C…B, summing to 1 (diagnostic).
    public private(set) var chroma: [Double] = []
    /// The sound descriptor the similarity search compares, set by `finish()`.
    public private(set) var descriptor: SoundDescriptor?

    private var loudness = LoudnessMeter()
    private var decimator = Decimator()
    private let onsets: OnsetDetector
    private let pitches: PitchHistogram
    private let timbre = TimbreFrames(frameSize: OnsetDetector.frameSize, rate: Decimator.outputRate)
    /// The 12 kHz mono samples not yet consumed by both frame analysers; `signal[0]` is sample
    /// number `signalStart` of the stream.
    private var signal: [Float] = []
    private var signalStart = 0
    private var nextOnsetFrame = 0
    private var nextPitchFrame = 0
    private var frames = 0
    private var closed = false

    /// Creates a sink ready for the first buffer.
    ///
    /// - Throws: `AnalysisError.fft` when libavutil cannot set up its FFT.
    public init() throws(AnalysisError) {
        do {
            onsets = try OnsetDetector()
            pitches = try PitchHistogram()
        } catch {
            throw .fft(error.message)
        }
        signal.reserveCapacity(PitchHistogram.frameSize + 4096)
    }

    /// Measures a buffer: loudness on the stereo input, features on the decimated mono copy.
    public func consume(_ buffer: AudioBuffer) throws {
        guard !closed else { throw AnalysisError.finished }
        frames += buffer.frameCount
        loudness.add(left: buffer.left, right: buffer.right)
        decimator.process(left: buffer.left, right: buffer.right, into: &signal)
        analyzeFrames()
    }

    /// Computes the result from what was measured. Calling it again changes nothing.
    public func finish() throws {
        guard !closed else { return }
        closed = true
        let duration: Double = Double(frames) / Double(AudioBuffer.sampleRate)
        let tempo = TempoEstimator.estimate(
            envelope: onsets.envelope, kick: onsets.kick, snare: onsets.snare, frameRate: OnsetDetector.frameRate,
            novelty: onsets.novelty, duration: duration)
        let key = KeyEstimator.estimate(pitches)
        tuningCents = key.tuningCents
        chroma = key.chroma
        let bpmConfidence: Double = (tempo.confidence * 100).rounded() / 100
        let keyConfidence: Double = (key.confidence * 100).rounded() / 100
        let loudnessLUFS: Double = (loudness.integratedLoudness * 10).rounded() / 10
        let grid = BeatTracker.track(envelope: onsets.envelope, kick: onsets.kick, frameRate: OnsetDetector.frameRate,
                                     bpm: tempo.bpm, frames: frames)
        descriptor = DescriptorBuilder.descriptor(
            timbre: timbre, envelope: onsets.envelope, kick: onsets.kick, snare: onsets.snare, novelty: onsets.novelty,
            frameRate: OnsetDetector.frameRate, bpm: tempo.bpm, grid: grid, key: key.key, chroma: key.chroma, duration: duration)
        result = AnalysisResult(
            durationSeconds: duration, bpm: tempo.bpm, bpmConfidence: bpmConfidence, key: key.key,
            keyConfidence: keyConfidence, keyAlternative: key.alternative, loudnessLUFS: loudnessLUFS, beatGrid: grid)
        signal = []
    }

    /// Drops what was measured; no result is produced.
    public func cancel() {
        closed = true
        signal = []
        result = nil
        descriptor = nil
    }

    private func analyzeFrames() {
        let end = signalStart + signal.count
        signal.withUnsafeBufferPointer { samples in
            while nextOnsetFrame + OnsetDetector.frameSize <= end {
                onsets.analyze(samples, at: nextOnsetFrame - signalStart)
                timbre.add(onsets.power)
                nextOnsetFrame += OnsetDetector.hop
            }
            while nextPitchFrame + PitchHistogram.frameSize <= end {
                pitches.analyze(samples, at: nextPitchFrame - signalStart)
                nextPitchFrame += PitchHistogram.hop
            }
        }
        let keep = min(nextOnsetFrame, nextPitchFrame)
        let drop = keep - signalStart
        if drop >= 8192 {
            signal.removeFirst(drop)
            signalStart = keep
        }
    }
}
