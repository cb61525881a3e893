import FluentKit
import Foundation
import Model
import SQLKit

extension Library {
    /// Copies a completed sample's WAV or MP3 into `folder` and counts the download.
    /// Returns the file written (named after the sample, its tempo and key).
    public func export(_ idOrPrefix: String, format: ExportFormat, to folder: URL, as principal: Principal? = nil) async throws -> URL {
        let model = try await resolve(idOrPrefix)
        let sample = try model.sample()
        guard sample.status == .completed, let file = format == .wav ? sample.files?.wav : sample.files?.mp3 else {
            throw SampleTokError.sampleNotReady(sample.id.uuidString, status: sample.status)
        }
        try prepareExportFolder(folder)
        let destination = folder.appendingPathComponent(sample.exportFileName(format))
        try await copyStored(file, to: destination, for: destination)
        try await countDownload(sample.id, format: format.rawValue, as: principal)
        return destination
    }

    /// Records a download: a `sample_downloads` row and the counter, in one transaction.
    public func countDownload(_ id: UUID, format: String, as principal: Principal?) async throws {
        try await db.transaction { db in
            try await SampleDownloadModel(sampleID: id, userID: principal?.id, format: format).create(on: db)
            guard let sql = db as? any SQLDatabase else { return }
            try await sql.raw("UPDATE samples SET download_count = download_count + 1 WHERE id = \(bind: id)").run()
        }
    }

    /// Starts a sample's job again.
    ///
    /// Through a server (`user` given) a retry is for a failed sample, by whoever submitted it or
    /// an admin: another user gets 403 `sample.forbidden`, a sample that did not fail 409
    /// `sample.not_failed` (a completed one keeps serving its files). A failed job resumes after
    /// its last good step. The local library's owner (`user` nil) may also reprocess a completed
    /// sample (overrides stay): it stays `completed`, serving its files, until the new outputs
    /// replace them, and a failed reprocess leaves it as it was.
    public func retry(_ idOrPrefix: String, as user: Principal? = nil) async throws -> Sample {
        let model = try await resolve(idOrPrefix)
        guard let id = model.id else { throw SampleTokError.sampleNotFound(idOrPrefix) }
        let status = SampleStatus(rawValue: model.status) ?? .pending
        let job = try await JobModel.query(on: db).filter(\.$sampleID == id).filter(\.$kind == JobKind.sample.rawValue)
            .sort(\.$createdAt, .descending).first()
        if let user, !user.isAdmin, job?.userID != user.id {
            throw SampleTokError(.sampleForbidden, "Sample \(idOrPrefix) was submitted by someone else: only they (or an admin) can retry it.")
        }
        switch status {
        case .failed: break
        case .completed where user == nil: break
        case .completed:
            throw SampleTokError(.sampleNotFailed, "Sample \(idOrPrefix) is completed: only a failed sample can be retried.")
        default:
            throw SampleTokError(.sampleBusy, "Sample \(idOrPrefix) is \(status.rawValue): its job is still on its way.")
        }
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
                try await JobQueue.makeJob(sampleID: id, source: model.sourceURL, maxAttempts: self.configuration.maxAttempts)
                    .create(on: db)
            }
        }
        // The new run's first kept event: followers from now on replay from here, not the last run's end.
        try await record(ProgressEvent(sampleID: id, step: "queued", fraction: 0, message: "queued again",
                                       status: .pending))
        return try await sample(id.uuidString)
    }

    /// Deletes a sample: its row (with its jobs, download records and stems), then its files (its stems' too) and its kept progress events.
    public func delete(_ idOrPrefix: String) async throws {
        let model = try await resolve(idOrPrefix)
        guard let id = model.id else { throw SampleTokError.sampleNotFound(idOrPrefix) }
        let jobs = try await JobModel.query(on: db).filter(\.$sampleID == id).all()
        if jobs.contains(where: { $0.status == JobStatus.running.rawValue && ($0.leaseExpiresAt ?? 0) > Date().timeIntervalSince1970 }) {
            throw SampleTokError(.sampleBusy, "Sample \(idOrPrefix) is being processed right now; delete it when its job is done.")
        }
        let stemJobs = try await StemJobModel.query(on: db).filter(\.$sampleID == id).all().compactMap(\.id)
        try await db.transaction { db in
            try await JobModel.query(on: db).filter(\.$sampleID == id).delete()
            try await SampleDownloadModel.query(on: db).filter(\.$sampleID == id).delete()
            let stems = try await StemModel.query(on: db).filter(\.$sampleID == id).all().compactMap(\.id)
            if !stems.isEmpty { try await StemDownloadModel.query(on: db).filter(\.$stemID ~~ stems).delete() }
            try await StemModel.query(on: db).filter(\.$sampleID == id).delete()
            try await StemJobModel.query(on: db).filter(\.$sampleID == id).delete()
            try await model.delete(on: db)
        }
        try await blobs.removeAll(under: .sampleFolder(id))
        try await progressLog.forget([id] + stemJobs)
        for job in jobs {
            if let jobID = job.id {
                try? FileManager.default.removeItem(at: configuration.temporaryFolder.appendingPathComponent("jobs/\(jobID.uuidString.lowercased())"))
            }
        }
    }

    /// Replaces a sample's user overrides (tempo and key), kept apart from the detected values.
    public func setOverrides(_ idOrPrefix: String, _ overrides: SampleOverrides) async throws -> Sample {
        if let bpm = overrides.bpm, !(20...400).contains(bpm) {
            throw SampleTokError.invalid("A tempo must be between 20 and 400 BPM.")
        }
        let model = try await resolve(idOrPrefix)
        model.apply(overrides)
        model.updatedAt = Date().timeIntervalSince1970
        try await model.update(on: db)
        return try model.sample()
    }

    /// Imports the demo loops in `folder` if the library is new (never had a sample before).
    /// Returns how many were queued.
    @discardableResult
    public func importDemoIfNew(from folder: URL) async throws -> Int {
        let marker = configuration.home.appendingPathComponent(".demo-imported")
        guard !FileManager.default.fileExists(atPath: marker.path) else { return 0 }
        let count = try await SampleModel.query(on: db).count()
        try Data().write(to: marker)
        guard count == 0, FileManager.default.fileExists(atPath: folder.path) else { return 0 }
        let outcomes = try await importFiles([folder.path])
        return outcomes.filter { if case .success = $0.result { return true } else { return false } }.count
    }

    /// Whether any job is waiting or running.
    public func hasPendingJobs() async throws -> Bool {
        try await JobModel.query(on: db)
            .filter(\.$status ~~ [JobStatus.queued.rawValue, JobStatus.running.rawValue, JobStatus.retrying.rawValue])
            .count() > 0
    }
}
