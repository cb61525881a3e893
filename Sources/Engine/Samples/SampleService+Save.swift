import FluentKit
import Foundation
import Model

/// What the sample pipeline writes: the sample's status while it runs, and its end.
extension SampleService {
    /// Sets a sample's status; a completed sample (being reprocessed) stays completed until its
    /// new outputs are saved.
    func setStatus(_ id: UUID, _ status: SampleStatus) async throws {
        let model = try await sampleModel(id)
        guard model.status != status.rawValue, model.status != SampleStatus.completed.rawValue else { return }
        model.status = status.rawValue
        model.updatedAt = Date().timeIntervalSince1970
        try await model.update(on: db)
    }

    /// The `save` step: the sample's fields and files and the job's end, in one transaction.
    func saveCompleted(job: JobModel, state checkpoints: SampleJobState) async throws {
        try await db.transaction { db in
            guard let sampleID = job.sampleID, let model = try await SampleModel.find(sampleID, on: db) else {
                throw SampleTokError.sampleNotFound(job.sampleID?.uuidString ?? "(none)")
            }
            if let source = checkpoints.source {
                model.platform = source.platform
                if model.title == nil { model.title = source.title }
                if model.details == nil { model.details = source.description }
                if let creator = source.creatorProfile {
                    let row = try await CreatorModel.query(on: db).filter(\.$platform == creator.platform)
                        .filter(\.$username == creator.username).first()
                    model.link(row?.creator ?? creator, id: row?.id)
                } else if model.creator == nil {
                    model.creator = source.creator
                }
                model.videoID = source.videoID ?? model.videoID
                model.coverURL = source.coverURL ?? model.coverURL
                if let stats = source.stats {
                    model.viewCount = stats.views
                    model.likeCount = stats.likes
                    model.commentCount = stats.comments
                    model.shareCount = stats.shares
                }
            }
            if let analysis = checkpoints.processed?.analysis { model.apply(analysis) }
            if let descriptor = checkpoints.processed?.descriptor { model.features = descriptor.stored }
            if let duration = checkpoints.processed?.duration { model.duration = duration }
            if let files = checkpoints.files { try model.apply(files) }
            let now = Date().timeIntervalSince1970
            model.status = SampleStatus.completed.rawValue
            model.errorCode = nil
            model.errorMessage = nil
            model.completedAt = now
            model.updatedAt = now
            try await model.update(on: db)
            try await CollectionItemModel.settleItems(ofSample: sampleID, failure: nil, on: db)
            try await job.finish(at: now, step: SampleStep.save.rawValue, checkpoints: checkpoints.encoded(), on: db)
        }
    }

    /// A job's final failure: the sample becomes `failed` with the error, in one transaction. A
    /// completed sample being reprocessed stays completed with the files it has; the job keeps the error.
    func saveFailed(job: JobModel, error: SampleTokError) async throws {
        try await db.transaction { db in
            let now = Date().timeIntervalSince1970
            if let sampleID = job.sampleID, let model = try await SampleModel.find(sampleID, on: db),
               model.status != SampleStatus.completed.rawValue {
                model.status = SampleStatus.failed.rawValue
                model.errorCode = error.code
                model.errorMessage = error.message
                model.updatedAt = now
                try await model.update(on: db)
                try await CollectionItemModel.settleItems(ofSample: sampleID, failure: error, on: db)
            }
            try await job.recordFailure(error, at: now, on: db)
        }
        await removeFilesOfFailedSample(job)
        parts.removeWorkFolder(of: job)
    }

    /// Removes what a failed job stored for a sample that never completed (a completed sample
    /// being reprocessed keeps its files: the same keys). A failure to remove is left to
    /// `sampletok admin storage-check --fix`.
    private func removeFilesOfFailedSample(_ job: JobModel) async {
        guard let sampleID = job.sampleID,
              let sample = try? await SampleModel.find(sampleID, on: db), sample.status == SampleStatus.failed.rawValue else { return }
        try? await parts.blobs.removeAll(under: .sampleFolder(sampleID))
    }
}
