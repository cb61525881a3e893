import Analysis
import FluentKit
import Foundation
import Media
import Model
import Resolvers

/// Runs the steps of one claimed sample job (kind `sample`), resuming after the last checkpoint.
struct SamplePipeline: JobHandler {
    /// The library the sample is in.
    let library: Library
    /// The queue holding the job.
    let queue: JobQueue

    /// Runs `job` to the end, or throws the step's error as a `SampleTokError`.
    func run(_ job: JobModel) async throws -> JobOutcome {
        guard let jobID = job.id, let sampleID = job.sampleID else {
            throw SampleTokError(.jobInternal, "A sample job without its sample.")
        }
        var state = SampleJobState.decode(job.checkpoints)
        let work = library.configuration.temporaryFolder.appendingPathComponent("jobs/\(jobID.uuidString.lowercased())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try await library.setStatus(sampleID, .processing)

        let runner = StepRunner<SampleStep, SampleJobState>(jobID: jobID, queue: queue, metrics: library.metrics)
        let outcome = try await runner.run(&state, isDone: { step, state in state.isDone(step) }, announce: { step in
            try await library.record(sampleID, step: step.rawValue, fraction: 0, status: .processing, message: step.activity)
        }, perform: { step, state in
            switch step {
            case .resolve:
                var source = try await library.resolver.resolve(job.source)
                if let seen = source.creatorProfile { source.creatorProfile = try await library.cachedCreator(seen) }
                state.source = source
            case .download:
                state.mediaPath = try await download(state, into: work, sampleID: sampleID)
            case .process:
                state.processed = try await process(state, into: work, sampleID: sampleID)
            case .store:
                state.files = try await store(state, sampleID: sampleID)
            case .save:
                try await library.saveCompleted(job: job, state: state)
            }
            return .next
        })
        try? FileManager.default.removeItem(at: work)
        try? await library.record(sampleID, step: "done", fraction: 1, status: .completed, message: "ready")
        return outcome
    }

    func willRetry(_ job: JobModel, error: SampleTokError, delay: Double) async throws {
        guard let sampleID = job.sampleID else { return }
        try? await library.record(sampleID, step: "retrying", fraction: 0, status: .processing,
                                  message: String(format: "try %d of %d failed; retrying in %.0f s", job.attempts, job.maxAttempts, delay),
                                  error: error)
    }

    func fail(_ job: JobModel, error: SampleTokError) async throws {
        try await library.saveFailed(job: job, error: error)
        if let sampleID = job.sampleID {
            try? await library.record(sampleID, step: "failed", fraction: 1, status: .failed, message: error.message, error: error)
        }
    }

    private func download(_ c: SampleJobState, into work: URL, sampleID: UUID) async throws -> String {
        guard let source = c.source else { throw SampleTokError(.jobInternal, "download before resolve") }
        switch source.location {
        case .file(let path):
            guard FileManager.default.fileExists(atPath: path) else {
                throw SampleTokError(.mediaNotFound, "The file '\(path)' is gone. Import it again.")
            }
            return path
        case .url(let url):
            let destination = work.appendingPathComponent("source.media").path
            try await library.fetcher.download(url, headers: source.headers ?? [:], to: destination) { fraction in
                library.publish(sampleID, step: .download, fraction: fraction, status: .processing)
            }
            return destination
        case .ytdlp(let page):
            guard let ytdlp = library.ytdlp else {
                throw SampleTokError.linkUnsupported("\(page) needs yt-dlp, which is no longer installed here. Install it (on PATH) and retry.")
            }
            let destination = work.appendingPathComponent("source.media").path
            library.publish(sampleID, step: .download, fraction: 0, status: .processing)
            try await ytdlp.download(page, to: destination)
            return destination
        }
    }

    private func process(_ c: SampleJobState, into work: URL, sampleID: UUID) async throws -> ProcessedMedia {
        guard let input = c.mediaPath else { throw SampleTokError(.jobInternal, "process before download") }
        let library = self.library
        // A file the user imported may be any single-file container; a download only what sources deliver.
        let containers: ContainerPolicy = if case .file = c.source?.location { .local } else { .downloaded }
        return try await library.processMedia(input: input, output: work.appendingPathComponent("out").path,
                                              containers: containers) { fraction in
            library.publish(sampleID, step: .process, fraction: fraction, status: .processing)
        }
    }

    private func store(_ c: SampleJobState, sampleID: UUID) async throws -> SampleFiles {
        guard let folder = c.processed?.folder else { throw SampleTokError(.jobInternal, "store before process") }
        return try await library.storeOutputs(of: URL(fileURLWithPath: folder), sampleID: sampleID)
    }
}

extension Library {
    /// The one decode pass (`MediaProcessor`) of `input` into the folder `output`, off the
    /// cooperative threads: WAV, MP3, HLS, peaks, PNG and the analysis. Samples and stems both
    /// go through here. `containers` are those `input` may be (by default those of media that
    /// came from elsewhere). Cancelling the calling task stops the pass within a buffer.
    func processMedia(input: String, output: String, containers: ContainerPolicy = .downloaded,
                      progress: @escaping @Sendable (Double) -> Void) async throws -> ProcessedMedia {
        let limits = DecodeLimits(maxDuration: configuration.maxDuration, containers: containers)
        let summary = try await Blocking.runCancellable { isCancelled throws -> ProcessSummary in
            do {
                let options = ProcessOptions(limits: limits, progress: progress, isCancelled: isCancelled)
                return try MediaProcessor.process(input: input, output: output, options: options)
            } catch let error as MediaError {
                throw SampleTokError(error)
            }
        }
        return .init(folder: output, duration: summary.duration, analysis: summary.analysis)
    }
}
