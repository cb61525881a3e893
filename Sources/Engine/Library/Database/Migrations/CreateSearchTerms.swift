/// After `CreateProgressEvents`: the words of the search index, read to match a part of a word
/// and a word with a typo (`SearchVocabulary`). SQLite reads them from the FTS5 index itself (an
/// `fts5vocab` table); PostgreSQL keeps them in `search_terms`, filled by the search trigger and,
/// once, from the rows already there.
struct CreateSearchTerms: DialectMigration {
    static func apply(_ dialect: SQLDialect) -> [String] { dialect.createSearchTerms }
    static func undo(_ dialect: SQLDialect) -> [String] { dialect.dropSearchTerms }
}
