import FluentKit
import SQLKit

/// Version 4: `creators` (the accounts samples come from, a cache of their profiles re-fetched
/// when older than a week), the sample's link to its creator with the creator's name, followers
/// and avatar kept beside it (so lists need no join), the post's id and cover, and a search
/// index whose creator column holds the username and the display name.
struct CreateCreators: AsyncMigration {
    /// The columns this version adds to `samples`.
    static let sampleColumns: [(String, DatabaseSchema.DataType)] = [
        ("creator_id", .uuid), ("creator_platform", .string), ("creator_name", .string), ("creator_followers", .int),
        ("creator_avatar", .string), ("video_id", .string), ("cover_url", .string),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema("creators")
            .id()
            .field("platform", .string, .required)
            .field("username", .string, .required)
            .field("display_name", .string)
            .field("followers", .int)
            .field("avatar_url", .string)
            .field("fetched_at", .double)
            .field("updated_at", .double, .required)
            .unique(on: "platform", "username")
            .ignoreExisting()
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        let dialect = SQLDialect(sql)
        // Each column on its own, and only when missing: a run cut short is completed by the next.
        let existing = try await dialect.columnNames(of: "samples", in: sql)
        for (name, type) in Self.sampleColumns where !existing.contains(name) {
            try await database.schema("samples").field(.string(name), type).update()
        }
        for statement in ["CREATE INDEX IF NOT EXISTS samples_creator ON samples (creator_id)"] + dialect.creatorSearchTriggers {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("creators").delete()
    }
}
