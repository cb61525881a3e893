import FluentKit
import Foundation
import Model
import SQLKit

/// Instagram mentions: the webhook's deliveries recorded as engagements (each with its durable
/// job, `InstagramMentionJob`), and what they became.
public struct InstagramService: Sendable {
    let parts: LibraryParts

    var db: any Database { parts.db }
    var configuration: EngineConfiguration { parts.configuration }

    /// Records the mentions of a webhook delivery: an engagement (`pending`) and its job for
    /// each mention not seen before, one transaction each; a mention already recorded (Meta
    /// delivers again when unsure) is left as it is. Answers how many were new.
    public func record(_ mentions: [InstagramMention]) async throws -> Int {
        var created = 0
        for mention in mentions {
            if try await InstagramEngagementModel.query(on: db).filter(\.$mentionKey == mention.key).first() != nil { continue }
            let now = Date().timeIntervalSince1970
            let model = InstagramEngagementModel()
            let id = UUID()
            model.id = id
            model.mentionKey = mention.key
            model.accountID = mention.accountID
            model.mediaID = mention.mediaID
            model.commentID = mention.commentID
            model.status = InstagramEngagement.Status.pending.rawValue
            model.createdAt = now
            model.updatedAt = now
            let job = JobQueue.makeJob(kind: InstagramMentionJob.kind, sampleID: nil, source: id.uuidString,
                                       maxAttempts: configuration.maxAttempts)
            model.jobID = job.id
            do {
                try await db.transaction { db in
                    try await model.create(on: db)
                    try await job.create(on: db)
                }
                created += 1
            } catch {
                // The same mention, recorded a moment ago by another delivery.
                if try await InstagramEngagementModel.query(on: db).filter(\.$mentionKey == mention.key).first() != nil { continue }
                throw error
            }
        }
        return created
    }

    /// The recorded mentions, newest first.
    public func engagements(limit: Int = 100) async throws -> [InstagramEngagement] {
        try await InstagramEngagementModel.query(on: db).sort(\.$createdAt, .descending).sort(\.$id).limit(limit).all()
            .compactMap(\.engagement)
    }

    /// How many recorded mentions are in each state (every state, zeros included).
    public func counts() async throws -> [InstagramEngagement.Status: Int] {
        var counts = Dictionary(uniqueKeysWithValues: InstagramEngagement.Status.allCases.map { ($0, 0) })
        let rows = try await parts.database.sql.raw("SELECT status, COUNT(*) AS count FROM instagram_engagements GROUP BY status").all()
        for row in rows {
            guard let status = InstagramEngagement.Status(rawValue: try row.decode(column: "status", as: String.self)) else { continue }
            counts[status, default: 0] += try row.decode(column: "count", as: Int.self)
        }
        return counts
    }

    /// The engagement of a mention job.
    func engagementModel(of job: JobModel) async throws -> InstagramEngagementModel {
        guard let id = UUID(uuidString: job.source), let model = try await InstagramEngagementModel.find(id, on: db) else {
            throw SampleTokError(.jobInternal, "The Instagram mention of job \(job.id?.uuidString ?? "?") is gone.")
        }
        return model
    }
}
