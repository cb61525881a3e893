import FluentKit

/// Version 1: one row per download or export of a sample.
struct CreateSampleDownloads: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sample_downloads")
            .id()
            .field("sample_id", .uuid, .required, .references("samples", "id", onDelete: .cascade))
            .field("user_id", .uuid)
            .field("format", .string, .required)
            .field("created_at", .double, .required)
            .ignoreExisting()
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sample_downloads").delete()
    }
}
