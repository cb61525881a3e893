import FluentKit
import Foundation
import Model

/// What the stem pipeline writes: a stem job's progress and its end.
extension StemService {
    /// Sends a passing progress report of a stem job's step to this process's followers (not kept, sequence 0).
    func publish(stemJob: StemJobModel, step: String, fraction: Double, status: SampleStatus, message: String,
                 error: SampleTokError? = nil) {
        parts.publish(ProgressEvent(sampleID: stemJob.sampleID, step: step, fraction: fraction, message: message,
                                     status: status, error: error, stemJobID: stemJob.id))
    }

    /// Keeps a stem job's step as its next durable event and sends it (`record(_:)`).
    func record(stemJob: StemJobModel, step: String, fraction: Double, status: SampleStatus, message: String) async throws {
        try await parts.record(ProgressEvent(sampleID: stemJob.sampleID, step: step, fraction: fraction, message: message,
                                       status: status, stemJobID: stemJob.id))
    }

    /// A stem job's end: its stems' fields and files, the stem job `completed`, the job done, in one transaction.
    func saveCompleted(job: JobModel, stemJob: StemJobModel, results: [StemType: StemResult]) async throws {
        try await db.transaction { db in
            let now = Date().timeIntervalSince1970
            for stem in try await StemModel.query(on: db).filter(\.$stemJobID == stemJob.id ?? UUID()).all() {
                guard let type = StemType(rawValue: stem.type), let result = results[type] else { continue }
                if let analysis = result.analysis { stem.apply(analysis) }
                if let descriptor = result.descriptor { stem.features = descriptor.stored }
                stem.duration = result.duration
                try stem.apply(result.files)
                stem.status = SampleStatus.completed.rawValue
                stem.completedAt = now
                try await stem.update(on: db)
            }
            stemJob.status = SampleStatus.completed.rawValue
            stemJob.errorCode = nil
            stemJob.errorMessage = nil
            stemJob.updatedAt = now
            stemJob.completedAt = now
            try await stemJob.update(on: db)
            try await job.finish(at: now, step: StemStep.save.rawValue, on: db)
        }
        parts.removeWorkFolder(of: job)
    }

    /// A stem job's final failure: the stem job and its stems `failed` with the error, its charge
    /// refunded (a `stems.refund` entry) and the job failed, in ONE transaction.
    func saveFailed(job: JobModel, error: SampleTokError) async throws {
        guard let id = job.id else { return }
        try await db.transaction { db in
            let now = Date().timeIntervalSince1970
            if let stemJob = try await StemJobModel.find(id, on: db), stemJob.status != SampleStatus.failed.rawValue {
                stemJob.status = SampleStatus.failed.rawValue
                stemJob.errorCode = error.code
                stemJob.errorMessage = error.message
                stemJob.updatedAt = now
                try await stemJob.update(on: db)
                try await StemModel.query(on: db).filter(\.$stemJobID == id)
                    .set(\.$status, to: SampleStatus.failed.rawValue).update()
                let ledger = try CreditLedger(on: db)
                let charged = try await ledger.total(reason: .stemsCharge, reference: id)
                let refunded = try await ledger.total(reason: .stemsRefund, reference: id)
                if -charged - refunded > 0 {
                    try await ledger.credit(user: stemJob.userID, amount: -charged - refunded, reason: .stemsRefund, reference: id)
                }
            }
            try await job.recordFailure(error, at: now, on: db)
        }
        await removeFilesOfFailedStems(job)
        parts.removeWorkFolder(of: job)
    }

    /// Removes what a failed stem job stored: the files of its failed stems. A failure to remove
    /// is left to `sampletok admin storage-check --fix`.
    private func removeFilesOfFailedStems(_ job: JobModel) async {
        guard let sampleID = job.sampleID, let id = job.id else { return }
        let stems = (try? await StemModel.query(on: db).filter(\.$stemJobID == id).all()) ?? []
        for stem in stems where stem.status == SampleStatus.failed.rawValue {
            guard let stemID = stem.id else { continue }
            try? await parts.blobs.removeAll(under: .stemFolder(sample: sampleID, stem: stemID))
        }
    }
}

/// What the stem pipeline made of one stem: its stored files and analysis.
struct StemResult: Codable, Sendable {
    var files: SampleFiles
    var duration: Double
    var analysis: AnalysisResult?
    /// The sound descriptor (nil in checkpoints written before it existed).
    var descriptor: SoundDescriptor?
}

extension ProgressEvent {
    /// The one final event of a stem job that is completed or failed.
    init(final job: StemJob, sequence: Int) {
        self.init(sampleID: job.sampleID, step: job.status == .completed ? "done" : "failed", fraction: 1,
                  message: job.status == .completed ? "stems ready" : (job.error?.message ?? "failed"),
                  status: job.status, error: job.error, sequence: sequence, stemJobID: job.id)
    }
}
