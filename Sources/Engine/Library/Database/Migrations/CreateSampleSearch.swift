import FluentKit
import SQLKit

/// Version 1: full-text search over title, description and creator. The SQL lives in
/// `SQLDialect`, the one place where SQLite and PostgreSQL differ.
struct CreateSampleSearch: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for statement in SQLDialect(sql).createSearchIndex {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for statement in SQLDialect(sql).dropSearchIndex {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }
}
