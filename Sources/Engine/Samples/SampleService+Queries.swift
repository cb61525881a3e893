import FluentKit
import FluentSQL
import Foundation
import Model
import Resolvers
import SQLKit

extension SampleService {
    /// One page of samples matching `query`, with the total count. `viewer` is the user whose
    /// stars a `starred` filter reads (nil: the library itself, which has starred nothing).
    public func list(_ query: SampleQuery, as viewer: Principal? = nil) async throws -> ResultPage<Sample> {
        let search = try await search(query, as: viewer)
        // The stamp is read before the rows: rows decoded under it are at least as new as it.
        let stamp = try await changeStamp()
        // A search superseded while it waited for the database (the next key of the same
        // search) is not run: the rows would never be shown.
        try Task.checkCancellation()
        let rows = try await pageRows(search)
        var decoded: [Sample] = []
        let items = try rows.map { row -> Sample in
            if let id = try? row.decode(column: "id", as: UUID.self), let known = listRows.sample(id, at: stamp) { return known }
            let sample = try SampleModel(row: row).sample()
            decoded.append(sample)
            return sample
        }
        listRows.keep(decoded, at: stamp)
        let total: Int
        let offset = (query.page - 1) * query.limit
        if let counted = try rows.first?.decode(column: "total_count", as: Int?.self) {
            total = counted
        } else if query.counted == false, !items.isEmpty || offset == 0 {
            // Not counted: exact short of a full page, else one more than the rows up to its end.
            total = offset + items.count + (items.count == query.limit ? 1 : 0)
        } else {
            total = try await count(search)
        }
        return ResultPage(items: items, total: total, page: query.page, limit: query.limit)
    }

    /// The number of samples matching `query` (its page and limit aside): what a page asked for
    /// without counting (`SampleQuery.counted` false) leaves out.
    public func count(_ query: SampleQuery, as viewer: Principal? = nil) async throws -> Int {
        let search = try await search(query, as: viewer)
        try Task.checkCancellation()
        return try await count(search)
    }

    /// The SQL of `query` for `viewer`, with the index's words when its search words need them.
    private func search(_ query: SampleQuery, as viewer: Principal?) async throws -> SampleSearch {
        let vocabulary = SampleSearch.needsVocabulary(query) ? try await readVocabulary() : nil
        return SampleSearch(dialect: database.dialect, query: query, vocabulary: vocabulary, viewer: viewer?.id)
    }

    private func count(_ search: SampleSearch) async throws -> Int {
        try await database.sql.raw(search.count).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The rows of the page of `search` (each with `total_count`): on SQLite in relevance order,
    /// tier by tier (`SearchTiers`: a probe, then the page), else in one statement.
    private func pageRows(_ search: SampleSearch) async throws -> [any SQLRow] {
        guard let tiers = search.tiers else { return try await database.sql.raw(search.page).all() }
        guard let probe = try await database.sql.raw(tiers.probe).first() else { return [] }
        guard let page = tiers.page(try tiers.found(probe)) else { return [] }
        try Task.checkCancellation()
        return try await database.sql.raw(page).all()
    }

    /// The words of the search index, as of now (read again only when the index changed).
    func readVocabulary() async throws -> SearchVocabulary {
        let (sql, dialect) = (database.sql, database.dialect)
        return try await searchVocabulary.vocabulary(at: try await vocabularyStamp()) {
            let rows = try await sql.raw(dialect.searchTerms).all()
            return SearchVocabulary(try rows.map { try $0.decode(column: "term", as: String.self) })
        }
    }

    /// When the index's words may have changed last: SQLite's FTS5 structure record, which the
    /// library's other writes (a job's progress, during an import) leave alone; else the change stamp.
    private func vocabularyStamp() async throws -> SearchVocabularyCache.Stamp {
        guard let query = database.dialect.searchIndexStamp else { return .library(try await changeStamp()) }
        let block = try await database.sql.raw(query).first()?.decode(column: "stamp", as: Data?.self)
        return .index(block ?? Data())
    }

    /// Reads what a search needs before its first word does: the index's words, which words of
    /// three letters and more expand through (tens of milliseconds at 100,000 samples, once per
    /// change of the library). The app calls it when the search line opens.
    public func prepareSearch() async throws {
        _ = try await readVocabulary()
    }

    /// A value that changes whenever the library's data may have changed, by this process or
    /// another one: equal stamps mean a query answers as it did. It is read after the call
    /// began (callers at the same moment share one read).
    public func changeStamp() async throws -> LibraryStamp {
        try await stamps.value()
    }

    /// Reads the change stamp from the database.
    static func readStamp(_ database: LibraryDatabase) async throws -> LibraryStamp {
        guard let row = try await database.sql.raw(database.dialect.changeStamp).first() else { return LibraryStamp(changes: -1, version: -1) }
        return LibraryStamp(changes: try row.decode(column: "changes", as: Int.self), version: try row.decode(column: "version", as: Int.self))
    }
}
