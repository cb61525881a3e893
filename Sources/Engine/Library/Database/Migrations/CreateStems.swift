import FluentKit
import SQLKit

/// Version 4: `stem_jobs` (a stem request: sample, user, provider, the stems asked for, status,
/// cost, its durable job), `stems` (one per requested type, stored and analysed like a sample)
/// and `stem_downloads` (who downloaded which stem: the first download is charged, later ones not).
struct CreateStems: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("stem_jobs")
            .id()
            .field("sample_id", .uuid, .required, .references("samples", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("provider", .string, .required)
            .field("requested", .string, .required)
            .field("status", .string, .required)
            .field("error_code", .string)
            .field("error_message", .string)
            .field("cost", .int, .required)
            .field("created_at", .double, .required)
            .field("updated_at", .double, .required)
            .field("completed_at", .double)
            .ignoreExisting()
            .create()
        try await database.schema("stems")
            .id()
            .field("stem_job_id", .uuid, .required, .references("stem_jobs", "id", onDelete: .cascade))
            .field("sample_id", .uuid, .required)
            .field("type", .string, .required)
            .field("status", .string, .required)
            .field("estimate", .bool, .required)
            .field("files", .string)
            .field("duration_s", .double)
            .field("bpm", .double)
            .field("bpm_confidence", .double)
            .field("key", .string)
            .field("scale", .string)
            .field("key_confidence", .double)
            .field("camelot", .string)
            .field("loudness_lufs", .double)
            .field("download_count", .int, .required)
            .field("created_at", .double, .required)
            .field("completed_at", .double)
            .ignoreExisting()
            .create()
        try await database.schema("stem_downloads")
            .id()
            .field("stem_id", .uuid, .required, .references("stems", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required)
            .field("format", .string, .required)
            .field("created_at", .double, .required)
            .unique(on: "stem_id", "user_id")
            .ignoreExisting()
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX IF NOT EXISTS stem_jobs_sample ON stem_jobs (sample_id, created_at)").run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS stems_job ON stems (stem_job_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("stem_downloads").delete()
        try await database.schema("stems").delete()
        try await database.schema("stem_jobs").delete()
    }
}
