import FluentKit
import SQLKit

/// After `AllowJobsWithoutSample`: `instagram_engagements`, one row per Instagram mention,
/// unique on the mention (`comment:<id>` or `media:<id>`) so a delivery sent twice is one row.
struct CreateInstagramEngagements: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(InstagramEngagementModel.schema)
            .id()
            .field("mention_key", .string, .required)
            .field("account_id", .string, .required)
            .field("media_id", .string, .required)
            .field("comment_id", .string)
            .field("status", .string, .required)
            .field("job_id", .uuid)
            .field("media_url", .string)
            .field("sample_id", .uuid, .references("samples", "id", onDelete: .setNull))
            .field("reply_id", .string)
            .field("error_code", .string)
            .field("error_message", .string)
            .field("created_at", .double, .required)
            .field("updated_at", .double, .required)
            .unique(on: "mention_key")
            .ignoreExisting()
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX IF NOT EXISTS instagram_engagements_status ON instagram_engagements (status)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(InstagramEngagementModel.schema).delete()
    }
}
