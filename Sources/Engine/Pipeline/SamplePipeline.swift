import Analysis
import FluentKit
import Foundation
import Media
import Model
import Resolvers

/// Runs the steps of one claimed sample job (kind `sample`), resuming after the last checkpoint.
struct SamplePipeline: JobHandler {
    /// The library's shared parts (configuration, progress, metrics).
    let parts: LibraryParts
    /// The samples: the status while the job runs, and its end.
    let samples: SampleService
    /// The decode pass and the storing of its outputs.
    let outputs: MediaOutputs
    /// The queue holding the job.
    let queue: JobQueue

    private var links: LinkServices { samples.links }

    /// Runs `job` to the end, or throws the step's error as a `SampleTokError`.
    func run(_ job: JobModel) async throws -> JobOutcome {
        guard let jobID = job.id, let sampleID = job.sampleID else {
            throw SampleTokError(.jobInternal, "A sample job without its sample.")
        }
        var state = SampleJobState.decode(job.checkpoints)
        let work = parts.workFolder(ofJob: jobID)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try await samples.setStatus(sampleID, .processing)

        let runner = StepRunner<SampleStep, SampleJobState>(jobID: jobID, queue: queue, metrics: parts.metrics)
        let outcome = try await runner.run(&state, isDone: { step, state in state.isDone(step) }, announce: { step in
            try await record(sampleID, step: step.rawValue, fraction: 0, status: .processing, message: step.activity)
        }, perform: { step, state in
            switch step {
            case .resolve:
                var source = try await links.resolver.resolve(job.source)
                if let seen = source.creatorProfile { source.creatorProfile = try await samples.cachedCreator(seen) }
                state.source = source
            case .download:
                state.mediaPath = try await download(state, into: work, sampleID: sampleID)
            case .process:
                state.processed = try await process(state, into: work, sampleID: sampleID)
            case .store:
                state.files = try await store(state, sampleID: sampleID)
            case .save:
                try await samples.saveCompleted(job: job, state: state)
            }
            return .next
        })
        try? FileManager.default.removeItem(at: work)
        try? await record(sampleID, step: "done", fraction: 1, status: .completed, message: "ready")
        return outcome
    }

    func willRetry(_ job: JobModel, error: SampleTokError, delay: Double) async throws {
        guard let sampleID = job.sampleID else { return }
        try? await record(sampleID, step: "retrying", fraction: 0, status: .processing,
                                  message: String(format: "try %d of %d failed; retrying in %.0f s", job.attempts, job.maxAttempts, delay),
                                  error: error)
    }

    func fail(_ job: JobModel, error: SampleTokError) async throws {
        try await samples.saveFailed(job: job, error: error)
        if let sampleID = job.sampleID {
            try? await record(sampleID, step: "failed", fraction: 1, status: .failed, message: error.message, error: error)
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
            let parts = self.parts
            try await links.fetcher.download(url, headers: source.headers ?? [:], to: destination) { fraction in
                parts.publish(ProgressEvent(passing: .download, of: sampleID, fraction: fraction))
            }
            return destination
        case .ytdlp(let page):
            guard let ytdlp = links.ytdlp else {
                throw SampleTokError.linkUnsupported("\(page) needs yt-dlp, which is no longer installed here. Install it (on PATH) and retry.")
            }
            let destination = work.appendingPathComponent("source.media").path
            parts.publish(ProgressEvent(passing: .download, of: sampleID, fraction: 0))
            try await ytdlp.download(page, to: destination)
            return destination
        }
    }

    private func process(_ c: SampleJobState, into work: URL, sampleID: UUID) async throws -> ProcessedMedia {
        guard let input = c.mediaPath else { throw SampleTokError(.jobInternal, "process before download") }
        let parts = self.parts
        // A file the user imported may be any single-file container; a download only what sources deliver.
        let containers: ContainerPolicy = if case .file = c.source?.location { .local } else { .downloaded }
        return try await outputs.process(input: input, output: work.appendingPathComponent("out").path,
                                         containers: containers) { fraction in
            parts.publish(ProgressEvent(passing: .process, of: sampleID, fraction: fraction))
        }
    }

    private func store(_ c: SampleJobState, sampleID: UUID) async throws -> SampleFiles {
        guard let folder = c.processed?.folder else { throw SampleTokError(.jobInternal, "store before process") }
        return try await outputs.store(URL(fileURLWithPath: folder), under: .sampleFolder(sampleID))
    }

    /// Keeps a sample's step, retry or outcome as its next durable event and sends it (`LibraryParts.record`).
    private func record(_ sampleID: UUID, step: String, fraction: Double, status: SampleStatus, message: String,
                        error: SampleTokError? = nil) async throws {
        try await parts.record(ProgressEvent(sampleID: sampleID, step: step, fraction: fraction, message: message,
                                             status: status, error: error))
    }
}

extension ProgressEvent {
    /// A passing report of a sample's step (bytes downloaded, share decoded): not kept, sequence 0.
    init(passing step: SampleStep, of sampleID: UUID, fraction: Double) {
        self.init(sampleID: sampleID, step: step.rawValue, fraction: fraction, message: step.activity, status: .processing)
    }
}
