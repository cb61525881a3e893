import FluentKit
import Foundation
import Model
import SQLKit

extension SampleService {
    /// Starts a sample's job again.
    ///
    /// Through a server (`user` given) a retry is for a failed sample, by whoever submitted it or
    /// an admin: another user gets 403 `sample.forbidden`, a sample that did not fail 409
    /// `sample.not_failed` (a completed one keeps serving its files). A failed job resumes after
    /// its last good step. The local library's owner (`user` nil) may also reprocess a completed
    /// sample (overrides stay): it stays `completed`, serving its files, until the new outputs
    /// replace them, and a failed reprocess leaves it as it was.
    public func retry(_ id: UUID, as user: Principal? = nil) async throws -> Sample {
        let model = try await sampleModel(id)
        let name = id.uuidString.lowercased()
        let status = SampleStatus(rawValue: model.status) ?? .pending
        let job = try await JobModel.query(on: db).filter(\.$sampleID == id).filter(\.$kind == JobKind.sample.rawValue)
            .sort(\.$createdAt, .descending).first()
        if let user, !user.isAdmin, job?.userID != user.id {
            throw SampleTokError(.sampleForbidden, "Sample \(name) was submitted by someone else: only they (or an admin) can retry it.")
        }
        switch status {
        case .failed: break
        case .completed where user == nil: break
        case .completed:
            throw SampleTokError(.sampleNotFailed, "Sample \(name) is completed: only a failed sample can be retried.")
        default:
            throw SampleTokError(.sampleBusy, "Sample \(name) is \(status.rawValue): its job is still on its way.")
        }
        let maxAttempts = configuration.maxAttempts
        try await db.transaction { db in
            let now = Date().timeIntervalSince1970
            if status == .failed {
                model.status = SampleStatus.pending.rawValue
                model.errorCode = nil
                model.errorMessage = nil
                model.updatedAt = now
                try await model.update(on: db)
            }
            if let job {
                job.status = JobStatus.queued.rawValue
                job.attempts = 0
                job.runAt = now
                job.errorCode = nil
                job.errorMessage = nil
                job.progress = 0
                job.step = nil
                if status == .completed { job.checkpoints = "{}" }
                job.updatedAt = now
                try await job.update(on: db)
            } else {
                try await JobQueue.makeJob(sampleID: id, source: model.sourceURL, maxAttempts: maxAttempts).create(on: db)
            }
        }
        // The new run's first kept event: followers from now on replay from here, not the last run's end.
        try await parts.record(ProgressEvent(sampleID: id, step: "queued", fraction: 0, message: "queued again",
                                             status: .pending))
        return try await sample(id)
    }

    /// Deletes a sample: its row (with its jobs, download records and stems), then its files (its stems' too) and its kept progress events.
    ///
    /// Through a server (`user` given) only the sample's submitter or an admin may: another user
    /// gets 403 `sample.forbidden`. The local library's owner (`user` nil) deletes any.
    public func delete(_ id: UUID, as user: Principal? = nil) async throws {
        let model = try await sampleModel(id)
        let jobs = try await JobModel.query(on: db).filter(\.$sampleID == id).all()
        if let user, !user.isAdmin,
           jobs.filter({ $0.kind == JobKind.sample.rawValue }).max(by: { $0.createdAt < $1.createdAt })?.userID != user.id {
            throw SampleTokError(.sampleForbidden, "Sample \(id.uuidString.lowercased()) was submitted by someone else: only they (or an admin) can delete it.")
        }
        if jobs.contains(where: { $0.status == JobStatus.running.rawValue && ($0.leaseExpiresAt ?? 0) > Date().timeIntervalSince1970 }) {
            throw SampleTokError(.sampleBusy, "Sample \(id.uuidString.lowercased()) is being processed right now; delete it when its job is done.")
        }
        let stemJobs = try await StemJobModel.query(on: db).filter(\.$sampleID == id).all().compactMap(\.id)
        try await db.transaction { db in
            try await JobModel.query(on: db).filter(\.$sampleID == id).delete()
            try await SampleDownloadModel.query(on: db).filter(\.$sampleID == id).delete()
            let stems = try await StemModel.query(on: db).filter(\.$sampleID == id).all().compactMap(\.id)
            if !stems.isEmpty { try await StemDownloadModel.query(on: db).filter(\.$stemID ~~ stems).delete() }
            try await StemModel.query(on: db).filter(\.$sampleID == id).delete()
            try await StemJobModel.query(on: db).filter(\.$sampleID == id).delete()
            try await CrateItemModel.query(on: db).filter(\.$sampleID == id).delete()
            try await SampleStarModel.query(on: db).filter(\.$sampleID == id).delete()
            try await model.delete(on: db)
        }
        try await parts.blobs.removeAll(under: .sampleFolder(id))
        try await parts.progressLog.forget([id] + stemJobs)
        for job in jobs { parts.removeWorkFolder(of: job) }
    }

    /// Replaces a sample's user overrides (tempo and key), kept apart from the detected values.
    public func setOverrides(_ id: UUID, _ overrides: SampleOverrides) async throws -> Sample {
        if let bpm = overrides.bpm, !(20...400).contains(bpm) {
            throw SampleTokError.invalid("A tempo must be between 20 and 400 BPM.")
        }
        let model = try await sampleModel(id)
        model.apply(overrides)
        model.updatedAt = Date().timeIntervalSince1970
        try await model.update(on: db)
        return try model.sample()
    }
}
