import FluentKit
import SQLKit

/// Version 1: the durable `jobs` table.
struct CreateJobs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("jobs")
            .id()
            .field("kind", .string, .required)
            .field("sample_id", .uuid, .required, .references("samples", "id", onDelete: .cascade))
            .field("source", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("max_attempts", .int, .required)
            .field("run_at", .double, .required)
            .field("lease_owner", .string)
            .field("lease_expires_at", .double)
            .field("checkpoints", .string, .required)
            .field("step", .string)
            .field("progress", .double, .required)
            .field("error_code", .string)
            .field("error_message", .string)
            .field("created_at", .double, .required)
            .field("updated_at", .double, .required)
            .ignoreExisting()
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX IF NOT EXISTS jobs_ready ON jobs (status, run_at)").run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS jobs_sample ON jobs (sample_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("jobs").delete()
    }
}
