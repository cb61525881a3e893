import FluentKit
import SQLKit

/// After `AddCollectionItemCredits`: `crates` (a user's named lists, names unique per user),
/// `crate_items` (a sample at its place in a crate, once per crate) and `sample_stars` (the
/// samples a user starred, once each). Removing a user or a sample removes their rows.
struct CreateCrates: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CrateModel.schema)
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("created_at", .double, .required)
            .field("updated_at", .double, .required)
            .unique(on: "user_id", "name")
            .ignoreExisting()
            .create()
        try await database.schema(CrateItemModel.schema)
            .id()
            .field("crate_id", .uuid, .required, .references(CrateModel.schema, "id", onDelete: .cascade))
            .field("sample_id", .uuid, .required, .references("samples", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("added_at", .double, .required)
            .unique(on: "crate_id", "sample_id")
            .ignoreExisting()
            .create()
        try await database.schema(SampleStarModel.schema)
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("sample_id", .uuid, .required, .references("samples", "id", onDelete: .cascade))
            .field("created_at", .double, .required)
            .unique(on: "user_id", "sample_id")
            .ignoreExisting()
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX IF NOT EXISTS crate_items_crate ON crate_items (crate_id, position)").run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS crate_items_sample ON crate_items (sample_id)").run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS sample_stars_sample ON sample_stars (sample_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SampleStarModel.schema).delete()
        try await database.schema(CrateItemModel.schema).delete()
        try await database.schema(CrateModel.schema).delete()
    }
}
