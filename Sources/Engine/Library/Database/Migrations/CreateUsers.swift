import FluentKit

/// Version 2: the `users` of a server, with the SHA-256 of their bearer token.
struct CreateUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .id()
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("credits", .int, .required)
            .field("is_admin", .bool, .required)
            .field("created_at", .double, .required)
            .unique(on: "name")
            .unique(on: "token_hash")
            .ignoreExisting()
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").delete()
    }
}
