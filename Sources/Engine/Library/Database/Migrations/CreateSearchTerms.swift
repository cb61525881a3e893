import FluentKit
import SQLKit

/// After `CreateProgressEvents`: the words of the search index, read to match a part of a word
/// and a word with a typo (`SearchVocabulary`). SQLite reads them from the FTS5 index itself (an
/// `fts5vocab` table); PostgreSQL keeps them in `search_terms`, filled by the search trigger and,
/// once, from the rows already there.
struct CreateSearchTerms: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for statement in SQLDialect(sql).createSearchTerms {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for statement in SQLDialect(sql).dropSearchTerms {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }
}
