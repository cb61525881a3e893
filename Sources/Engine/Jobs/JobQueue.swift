import FluentKit
import Foundation
import Model
import SQLKit

/// The durable job table: enqueue, claim with a lease, renew, checkpoint, finish.
struct JobQueue: Sendable {
    let database: LibraryDatabase
    let owner: LeaseOwner
    let leaseSeconds: Double
    /// Whether this process may run jobs made from local files: a server refuses file paths,
    /// so it leaves those jobs (a CLI `import` on the same library) to the processes that can.
    var takesLocalFiles = true

    private var db: any Database { database.db }

    /// A new queued job of `kind` (for `sampleID`, when it makes that sample), to be created in the caller's transaction.
    static func makeJob(kind: String = "sample", sampleID: UUID?, source: String, maxAttempts: Int, userID: UUID? = nil) -> JobModel {
        let job = JobModel()
        let now = Date().timeIntervalSince1970
        job.id = UUID()
        job.kind = kind
        job.sampleID = sampleID
        job.source = source
        job.userID = userID
        job.status = JobStatus.queued.rawValue
        job.attempts = 0
        job.maxAttempts = maxAttempts
        job.runAt = now
        job.checkpoints = "{}"
        job.progress = 0
        job.createdAt = now
        job.updatedAt = now
        return job
    }

    /// Takes over leases held by processes of this host that died (a crash or a kill),
    /// so their jobs resume now rather than when the lease expires.
    func releaseDeadLeases() async throws {
        let running = try await JobModel.query(on: db).filter(\.$status == JobStatus.running.rawValue).all()
        for job in running {
            guard let text = job.leaseOwner, let holder = LeaseOwner(text), holder.isDeadProcessOnThisHost else { continue }
            job.leaseExpiresAt = 0
            try await job.update(on: db)
        }
    }

    /// Claims the next runnable job (of `sample` only, when given), or nil when none is ready.
    func claim(sample: UUID? = nil) async throws -> JobModel? {
        let now = Date().timeIntervalSince1970
        let statement = database.dialect.claimJob(owner: owner.description, now: now, expires: now + leaseSeconds, sample: sample,
                                                  localFiles: takesLocalFiles)
        guard let row = try await database.sql.raw(statement).first(),
              let id = try? row.decode(column: "id", as: UUID.self) else { return nil }
        return try await JobModel.find(id, on: db)
    }

    /// Gives up every lease this process holds, so another process can resume those jobs now.
    func releaseOwnLeases() async throws {
        try await database.sql.raw("""
            UPDATE jobs SET lease_expires_at = 0 WHERE lease_owner = \(bind: owner.description) AND status = 'running'
            """).run()
    }

    /// Extends the lease; false when another worker has taken the job.
    func renew(_ jobID: UUID) async throws -> Bool {
        let now = Date().timeIntervalSince1970
        let changed = try await database.sql.raw("""
            UPDATE jobs SET lease_expires_at = \(bind: now + leaseSeconds), updated_at = \(bind: now) \
            WHERE id = \(bind: jobID) AND lease_owner = \(bind: owner.description) AND status = 'running' RETURNING id
            """).all()
        return !changed.isEmpty
    }

    /// Saves a job's encoded checkpoints and the name of the step it reached, if this worker still holds the job.
    func checkpoint(_ jobID: UUID, encoded checkpoints: String, step: String) async throws -> Bool {
        let now = Date().timeIntervalSince1970
        let changed = try await database.sql.raw("""
            UPDATE jobs SET checkpoints = \(bind: checkpoints), step = \(bind: step), progress = 0, \
            updated_at = \(bind: now) WHERE id = \(bind: jobID) AND lease_owner = \(bind: owner.description) RETURNING id
            """).all()
        return !changed.isEmpty
    }

    /// Records progress within a step of any kind of job.
    func progress(_ jobID: UUID, step: String, fraction: Double) async throws {
        try await database.sql.raw("""
            UPDATE jobs SET step = \(bind: step), progress = \(bind: fraction), \
            updated_at = \(bind: Date().timeIntervalSince1970) WHERE id = \(bind: jobID) AND lease_owner = \(bind: owner.description)
            """).run()
    }

    /// Puts a waiting job back in the queue to run again after `seconds`, without counting a try;
    /// false when this worker no longer holds it.
    func postpone(_ jobID: UUID, seconds: Double) async throws -> Bool {
        let now = Date().timeIntervalSince1970
        let changed = try await database.sql.raw("""
            UPDATE jobs SET status = 'queued', run_at = \(bind: now + seconds), lease_owner = NULL, lease_expires_at = NULL, \
            updated_at = \(bind: now) WHERE id = \(bind: jobID) AND lease_owner = \(bind: owner.description) RETURNING id
            """).all()
        return !changed.isEmpty
    }

    /// Puts a failed job back in the queue to run after `delay` seconds.
    func scheduleRetry(_ job: JobModel, error: SampleTokError, delay: Double) async throws {
        let now = Date().timeIntervalSince1970
        job.status = JobStatus.retrying.rawValue
        job.attempts += 1
        job.runAt = now + delay
        job.leaseOwner = nil
        job.leaseExpiresAt = nil
        job.errorCode = error.code
        job.errorMessage = error.message
        job.updatedAt = now
        try await job.update(on: db)
    }
}
