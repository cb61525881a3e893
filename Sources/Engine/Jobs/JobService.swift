import FluentKit
import Foundation
import Model
import Resolvers
import SQLKit

/// The jobs that make samples: the list the jobs pane shows, the counts `/metrics` exports,
/// whether any is pending, and following a sample's or a stem job's progress (`follow`).
public struct JobService: Sendable {
    let parts: LibraryParts
    /// The samples (a followed sample's final state).
    let samples: SampleService
    /// The stems (a followed stem job's final state).
    let stems: StemService

    var db: any Database { parts.db }

    /// The jobs that make samples and are queued, running, retrying or failed (newest first), and
    /// recent finished ones. With `user`, only the jobs they submitted, unless they are an admin.
    public func list(includeDone: Bool = false, limit: Int = 100, as user: Principal? = nil) async throws -> [JobInfo] {
        var query = JobModel.query(on: db).filter(\.$sampleID != nil).sort(\.$createdAt, .descending).limit(limit)
        if !includeDone { query = query.filter(\.$status != JobStatus.done.rawValue) }
        if let user, !user.isAdmin { query = query.filter(\.$userID == user.id) }
        return try await query.all().compactMap { $0.info }
    }

    /// How many jobs are in each state (states without a job are left out).
    public func counts() async throws -> [JobStatus: Int] {
        let rows = try await parts.database.sql.raw("SELECT status, COUNT(*) AS count FROM jobs GROUP BY status").all()
        var counts: [JobStatus: Int] = [:]
        for row in rows {
            guard let status = JobStatus(rawValue: try row.decode(column: "status", as: String.self)) else { continue }
            counts[status, default: 0] += try row.decode(column: "count", as: Int.self)
        }
        return counts
    }

    /// The job of a sample (its latest).
    public func job(forSample id: UUID) async throws -> JobInfo? {
        try await JobModel.query(on: db).filter(\.$sampleID == id).filter(\.$kind == JobKind.sample.rawValue)
            .sort(\.$createdAt, .descending).first()?.info
    }

    /// Whether any job is waiting or running.
    public func hasPending() async throws -> Bool {
        try await JobModel.query(on: db)
            .filter(\.$status ~~ [JobStatus.queued.rawValue, JobStatus.running.rawValue, JobStatus.retrying.rawValue])
            .count() > 0
    }
}

extension JobModel {
    /// The shared description of this job.
    var info: JobInfo? {
        guard let id, let sampleID else { return nil }
        return JobInfo(id: id, sampleID: sampleID, source: URLRedactor.redact(source), status: JobStatus(rawValue: status) ?? .queued,
                       step: step, progress: progress, attempts: attempts, maxAttempts: maxAttempts,
                       runAt: Date(timeIntervalSince1970: runAt),
                       lastError: errorCode.map { SampleTokError(code: $0, message: errorMessage ?? "") },
                       createdAt: Date(timeIntervalSince1970: createdAt), kind: JobKind(rawValue: kind))
    }
}
