import FluentKit
import SQLKit

/// After `CreateSearchTerms`: `samples.key_alternative` and `stems.key_alternative`, the nearly
/// tied second key of an analysis as its name (`"C major"`), null when there is none or for
/// analyses stored before this version. The same Fluent schema change on SQLite and PostgreSQL;
/// a column already there (a process killed before this migration's record was written) is
/// not added again.
struct AddKeyAlternative: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let dialect = SQLDialect(sql)
        for table in ["samples", "stems"] where try await !dialect.columnNames(of: table, in: sql).contains("key_alternative") {
            try await database.schema(table).field("key_alternative", .string).update()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("samples").deleteField("key_alternative").update()
        try await database.schema("stems").deleteField("key_alternative").update()
    }
}
