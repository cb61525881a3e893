import Analysis
import FluentKit
import Foundation
import Model

/// Runs one claimed stem job: `separate` (the provider's separator on the sample's WAV), then
/// `process` (every stem through the same decode pass as a sample: WAV, MP3, HLS, peaks, PNG,
/// analysis), `store` (the files under the stem's folder in the sample's) and `save` (one
/// transaction). Each step's result is checkpointed, so a retry resumes after the last one.
struct StemPipeline: JobHandler {
    /// The library's shared parts (configuration, the blob store, progress, metrics).
    let parts: LibraryParts
    /// The stems: the stem job's progress and its end.
    let stems: StemService
    /// The decode pass and the storing of its outputs.
    let outputs: MediaOutputs
    /// The queue holding the job.
    let queue: JobQueue

    /// What the finished steps made (the job's checkpoint).
    struct State: JobState {
        /// `separate`: the separator's file of each stem type.
        var separated: [StemType: String]?
        /// `process`: the processed folder, duration and analysis of each stem type.
        var processed: [StemType: ProcessedMedia]?
        /// `store`: the stored files of each stem type.
        var stored: [StemType: StemResult]?

        init() {}

        /// Whether `step`'s result is here for every requested type (and its files still exist).
        func isDone(_ step: StemStep, types: [StemType]) -> Bool {
            let exists = { (path: String?) in path.map { FileManager.default.fileExists(atPath: $0) } ?? false }
            switch step {
            case .separate: return types.allSatisfy { exists(separated?[$0]) }
            case .process: return types.allSatisfy { exists(processed?[$0]?.folder) }
            case .store: return stored.map { stored in types.allSatisfy { stored[$0] != nil } } ?? false
            case .save: return false
            }
        }
    }

    /// Runs `job` to the end, or throws the step's error as a `SampleTokError`.
    func run(_ job: JobModel) async throws -> JobOutcome {
        guard let jobID = job.id else { return .finished }
        guard let stemJob = try await StemJobModel.find(jobID, on: parts.db) else { throw SampleTokError.stemJobNotFound(jobID.uuidString) }
        let types = stemJob.requestedTypes
        var state = State.decode(job.checkpoints)
        let work = parts.workFolder(ofJob: jobID)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        if stemJob.status != SampleStatus.processing.rawValue {
            stemJob.status = SampleStatus.processing.rawValue
            stemJob.updatedAt = Date().timeIntervalSince1970
            try await stemJob.update(on: parts.db)
        }
        let stems = self.stems
        let progress: @Sendable (StemStep, Double, String) -> Void = { step, fraction, message in
            stems.publish(stemJob: stemJob, step: step.rawValue, fraction: fraction, status: .processing, message: message)
        }

        let runner = StepRunner<StemStep, State>(jobID: jobID, queue: queue, metrics: parts.metrics, metricPrefix: "stems.")
        _ = try await runner.run(&state, isDone: { step, state in state.isDone(step, types: types) }, announce: { step in
            try await stems.record(stemJob: stemJob, step: step.rawValue, fraction: 0, status: .processing, message: step.activity)
        }, perform: { step, state in
            switch step {
            case .separate:
                state.separated = try await separate(stemJob, types: types, into: work.appendingPathComponent("separated"), progress: progress)
            case .process:
                var processed: [StemType: ProcessedMedia] = [:]
                for (index, type) in types.enumerated() {
                    guard let input = state.separated?[type] else {
                        throw SampleTokError(.stemsProviderFailed, "The \(stemJob.provider) provider gave no \(type.displayName) stem.")
                    }
                    let share = 1 / Double(types.count)
                    processed[type] = try await outputs.process(input: input, output: work.appendingPathComponent("out/\(type.rawValue)").path) { fraction in
                        progress(.process, (Double(index) + fraction) * share, "encoding the \(type.displayName) stem")
                    }
                }
                state.processed = processed
            case .store:
                var stored: [StemType: StemResult] = [:]
                let stems = try await StemModel.query(on: parts.db).filter(\.$stemJobID == jobID).all()
                for type in types {
                    guard let media = state.processed?[type], let stemID = stems.first(where: { $0.type == type.rawValue })?.id else { continue }
                    let files = try await outputs.store(URL(fileURLWithPath: media.folder),
                                                        under: .stemFolder(sample: stemJob.sampleID, stem: stemID))
                    stored[type] = StemResult(files: files, duration: media.duration, analysis: media.analysis,
                                                descriptor: media.descriptor)
                }
                state.stored = stored
            case .save:
                try await stems.saveCompleted(job: job, stemJob: stemJob, results: state.stored ?? [:])
            }
            return .next
        })
        await record(job, step: "done", status: .completed, message: "stems ready")
        return .finished
    }

    /// A try failed and the job waits for the next: a `retrying` event.
    func willRetry(_ job: JobModel, error: SampleTokError, delay: Double) async throws {
        await record(job, step: "retrying", fraction: 0, status: .processing,
                message: String(format: "try %d of %d failed; retrying in %.0f s", job.attempts, job.maxAttempts, delay), error: error)
    }

    /// The final failure: the stem job failed and refunded (`StemService.saveFailed`), then a `failed` event.
    func fail(_ job: JobModel, error: SampleTokError) async throws {
        try await stems.saveFailed(job: job, error: error)
        await record(job, step: "failed", status: .failed, message: error.message, error: error)
    }

    /// Keeps and sends an outcome event of the stem job (which has the job's id). Should the
    /// database refuse, followers learn the outcome from the stem job's row.
    private func record(_ job: JobModel, step: String, fraction: Double = 1, status: SampleStatus, message: String,
                        error: SampleTokError? = nil) async {
        guard let sampleID = job.sampleID else { return }
        try? await parts.record(ProgressEvent(sampleID: sampleID, step: step, fraction: fraction, message: message, status: status,
                                                error: error, stemJobID: job.id))
    }

    /// Runs the provider's separator on the sample's stored WAV.
    private func separate(_ stemJob: StemJobModel, types: [StemType], into folder: URL,
                          progress: @escaping @Sendable (StemStep, Double, String) -> Void) async throws -> [StemType: String] {
        let separator = try stems.providers.separator(stemJob.provider)
        let sample = try await stems.samples.sample(stemJob.sampleID)
        guard let wav = sample.files?.wav, let key = try? BlobKey(wav.key), await parts.blobs.exists(key) else {
            throw SampleTokError.sampleNotReady(sample.id.uuidString, status: sample.status)
        }
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // A bucket's WAV is downloaded beside the stems' folder (removed with the job's work folder).
        let source = try await parts.localFile(key, in: folder.deletingLastPathComponent().appendingPathComponent("input"))
        let files = try await separator.separate(source: source, stems: types, into: folder) { fraction, message in
            progress(.separate, min(1, max(0, fraction)), message)
        }
        return files.mapValues(\.path)
    }
}
