import FluentKit
import Foundation
import Model

/// A row of `jobs`: one durable run of a job of some kind (`sample`, `instagram_mention`, …).
final class JobModel: Model, @unchecked Sendable {
    static let schema = "jobs"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    /// The sample a `sample` job makes; nil for kinds that make none (yet).
    @OptionalField(key: "sample_id") var sampleID: UUID?
    @Field(key: "source") var source: String
    /// Who submitted it (through a server); nil for local, mention and older jobs.
    @OptionalField(key: "user_id") var userID: UUID?
    @Field(key: "status") var status: String
    @Field(key: "attempts") var attempts: Int
    @Field(key: "max_attempts") var maxAttempts: Int
    @Field(key: "run_at") var runAt: Double
    @OptionalField(key: "lease_owner") var leaseOwner: String?
    @OptionalField(key: "lease_expires_at") var leaseExpiresAt: Double?
    @Field(key: "checkpoints") var checkpoints: String
    @OptionalField(key: "step") var step: String?
    @Field(key: "progress") var progress: Double
    @OptionalField(key: "error_code") var errorCode: String?
    @OptionalField(key: "error_message") var errorMessage: String?
    @Field(key: "created_at") var createdAt: Double
    @Field(key: "updated_at") var updatedAt: Double

    init() {}
}

extension JobModel {
    /// Ends the job as `status` (done or failed): no lease, and the time of the change.
    func end(as status: JobStatus, at now: Double) {
        self.status = status.rawValue
        leaseOwner = nil
        leaseExpiresAt = nil
        updatedAt = now
    }

    /// Ends the job as done at its last step, with its final checkpoint, inside the caller's transaction.
    func finish(at now: Double, step: String, checkpoints: String? = nil, on db: any Database) async throws {
        end(as: .done, at: now)
        self.step = step
        progress = 1
        if let checkpoints { self.checkpoints = checkpoints }
        try await update(on: db)
    }

    /// Ends the job as failed with `error` (its last try counted), inside the caller's transaction.
    func recordFailure(_ error: SampleTokError, at now: Double, on db: any Database) async throws {
        end(as: .failed, at: now)
        attempts += 1
        errorCode = error.code
        errorMessage = error.message
        try await update(on: db)
    }
}
