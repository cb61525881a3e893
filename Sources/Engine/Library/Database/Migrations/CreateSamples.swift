import FluentKit
import SQLKit

/// Version 1: the `samples` table with its indexes.
struct CreateSamples: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("samples")
            .id()
            .field("status", .string, .required)
            .field("source_url", .string, .required)
            .field("canonical_url", .string, .required)
            .field("platform", .string, .required)
            .field("title", .string)
            .field("description", .string)
            .field("creator", .string)
            .field("view_count", .int)
            .field("like_count", .int)
            .field("comment_count", .int)
            .field("share_count", .int)
            .field("duration_s", .double)
            .field("bpm", .double)
            .field("bpm_confidence", .double)
            .field("key", .string)
            .field("scale", .string)
            .field("key_confidence", .double)
            .field("camelot", .string)
            .field("loudness_lufs", .double)
            .field("bpm_override", .double)
            .field("key_override", .string)
            .field("scale_override", .string)
            .field("camelot_override", .string)
            .field("files", .string)
            .field("download_count", .int, .required)
            .field("error_code", .string)
            .field("error_message", .string)
            .field("created_at", .double, .required)
            .field("updated_at", .double, .required)
            .field("completed_at", .double)
            .unique(on: "canonical_url")
            .ignoreExisting()
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // The effective tempo and key (a user's override, else the detected value) are what
        // lists filter and sort by: index those expressions.
        for statement in [
            "CREATE INDEX IF NOT EXISTS samples_created ON samples (created_at)",
            "CREATE INDEX IF NOT EXISTS samples_status ON samples (status, created_at)",
            "CREATE INDEX IF NOT EXISTS samples_bpm ON samples ((COALESCE(bpm_override, bpm)))",
            "CREATE INDEX IF NOT EXISTS samples_camelot ON samples ((COALESCE(camelot_override, camelot)), (COALESCE(bpm_override, bpm)))",
            "CREATE INDEX IF NOT EXISTS samples_downloads ON samples (download_count)",
            "CREATE INDEX IF NOT EXISTS samples_views ON samples (view_count)",
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("samples").delete()
    }
}
