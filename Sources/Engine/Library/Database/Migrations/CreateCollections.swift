import FluentKit
import SQLKit

/// After `CreateInstagramEngagements`: `collections` (a user's batch, with what it was charged
/// and given back) and `collection_items` (one URL each, linked to the sample it became).
struct CreateCollections: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CollectionModel.schema)
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("source", .string, .required)
            .field("tiktok_user", .string)
            .field("item_credits", .int, .required)
            .field("credits_charged", .int, .required)
            .field("credits_refunded", .int, .required)
            .field("created_at", .double, .required)
            .field("updated_at", .double, .required)
            .field("reset_at", .double)
            .ignoreExisting()
            .create()
        try await database.schema(CollectionItemModel.schema)
            .id()
            .field("collection_id", .uuid, .required, .references(CollectionModel.schema, "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("url", .string, .required)
            .field("sample_id", .uuid, .references("samples", "id", onDelete: .setNull))
            .field("status", .string, .required)
            .field("error_code", .string)
            .field("error_message", .string)
            .field("updated_at", .double, .required)
            .ignoreExisting()
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX IF NOT EXISTS collections_user ON collections (user_id, created_at)").run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS collection_items_collection ON collection_items (collection_id, position)").run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS collection_items_sample ON collection_items (sample_id, status)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CollectionItemModel.schema).delete()
        try await database.schema(CollectionModel.schema).delete()
    }
}
