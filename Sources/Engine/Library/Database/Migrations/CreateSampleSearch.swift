/// Version 1: full-text search over title, description and creator. The SQL lives in
/// `SQLDialect`, the one place where SQLite and PostgreSQL differ.
struct CreateSampleSearch: DialectMigration {
    static func apply(_ dialect: SQLDialect) -> [String] { dialect.createSearchIndex }
    static func undo(_ dialect: SQLDialect) -> [String] { dialect.dropSearchIndex }
}
