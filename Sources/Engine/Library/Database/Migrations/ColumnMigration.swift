import FluentKit
import SQLKit

/// A migration that adds nullable columns to existing tables, the same Fluent schema change on
/// SQLite and PostgreSQL. A column already there (a process killed before the migration's
/// record was written) is not added again; revert drops them.
protocol ColumnMigration: AsyncMigration {
    /// The columns it adds: table, column, type.
    static var columns: [(table: String, column: String, type: DatabaseSchema.DataType)] { get }
}

extension ColumnMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let dialect = SQLDialect(sql)
        for (table, column, type) in Self.columns where try await !dialect.columnNames(of: table, in: sql).contains(column) {
            try await database.schema(table).field(.string(column), type).update()
        }
    }

    func revert(on database: any Database) async throws {
        for (table, column, _) in Self.columns {
            try await database.schema(table).deleteField(.string(column)).update()
        }
    }
}
