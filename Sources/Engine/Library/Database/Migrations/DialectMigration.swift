import FluentKit
import SQLKit

/// A migration that is a list of SQL statements which differ between SQLite and PostgreSQL
/// (`SQLDialect` holds them): runs them in order, and their undoing on revert.
protocol DialectMigration: AsyncMigration {
    /// The statements that apply it.
    static func apply(_ dialect: SQLDialect) -> [String]
    /// The statements that undo it.
    static func undo(_ dialect: SQLDialect) -> [String]
}

extension DialectMigration {
    func prepare(on database: any Database) async throws {
        try await run(Self.apply, on: database)
    }

    func revert(on database: any Database) async throws {
        try await run(Self.undo, on: database)
    }

    private func run(_ statements: (SQLDialect) -> [String], on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for statement in statements(SQLDialect(sql)) {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }
}
