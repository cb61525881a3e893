import Foundation
import Model
import SQLKit

extension SampleSearch {
    /// SQLite's plan for a page in relevance order, or nil where the single statement of `page`
    /// is used (PostgreSQL, another sort, relevance reversed, no words).
    var tiers: SearchTiers? {
        guard dialect.engine == .sqlite, query.sort == nil, query.reverse != true, let words else { return nil }
        return SearchTiers(words: words, levels: rankLevels(words), filters: filters, count: query.counted == false ? nil : count,
                           limit: query.limit, offset: (query.page - 1) * query.limit)
    }
}

/// A page in relevance order without ranking every match (SQLite). Relevance sorts by tiers — the
/// level every word reaches (whole word, prefix, part, typo), then title matches, then creator
/// matches — and within a tier newest first. Ranking every match before the `LIMIT` costs about
/// 1 µs a match (100 ms for a letter every row has); instead each tier is its own FTS5 query, and
/// the page is the tiers one after another, each newest first:
///
/// - `probe` (one statement) tells which levels add matches and whether any match has every word
///   in the title, in the creator; tiers that cannot have a row are left out, and so are the
///   conditions they would add (a broad prefix that never meets a creator's name is not checked
///   against the creator column for every row).
/// - `page(_:)` (one statement) is the tiers' rows in order as a `UNION ALL` under the page's
///   `LIMIT`: SQLite runs the arms in order and stops once the page is full, so the tiers after
///   it are never evaluated (each tier's match set is a `MATERIALIZED` CTE, made on first use).
///   Each tier has two arms: its rows among the newest `window` samples, found by walking the
///   `created_at` index (a tier with many matches fills the page after a few hundred rows), then
///   its older rows, looked up by rowid and sorted (reached only when the newest samples hold
///   too few of the tier's rows, so the tier is small).
///
/// The answer is the same as the single statement's: the same rows in the same order, with the
/// same total (`SearchEngineTests` checks both against each other across the window).
struct SearchTiers {
    let words: [SearchWord]
    /// The levels relevance tells apart (`SampleSearch.rankLevels`), best first.
    let levels: [SearchWord.Level]
    /// The conditions of the filters, on `samples s`.
    let filters: [SQLQueryString]
    /// The statement that counts every match (`n`); nil for a page without the count.
    let count: SQLQueryString?
    let limit: Int
    let offset: Int

    /// The newest samples whose part of each tier is found by walking `created_at`: at least
    /// 2,000, and 10 rows for each one the page reaches (a tier that holds a tenth of the newest
    /// samples fills the page from them).
    var window: Int { max(2_000, 10 * (offset + limit)) }

    /// The FTS5 query of the matches up to the level at `index` (the last level: every match).
    private func upTo(_ index: Int) -> String {
        SQLDialect.ftsExpression(words, upTo: index == levels.count - 1 ? .typo : levels[index])
    }

    /// The FTS5 query of the matches at the level at `index` and not at a better one.
    private func level(_ index: Int) -> String {
        index == 0 ? upTo(0) : "(\(upTo(index))) NOT (\(upTo(index - 1)))"
    }

    private var title: String { SQLDialect.ftsExpression(words, upTo: .typo, in: "title") }
    private var creator: String { SQLDialect.ftsExpression(words, upTo: .typo, in: "creator") }

    /// One row: for each level whether a sample matches there and not at a better level
    /// (`level0`…), whether one holds every word in its title (`title`), in its creator
    /// (`creator`). Each is an FTS5 query stopped at its first row.
    var probe: SQLQueryString {
        let parts = levels.indices.map { ("level\($0)", level($0)) } + [("title", title), ("creator", creator)]
        let columns = parts.map { name, expression -> SQLQueryString in
            "(SELECT 1 FROM samples_fts WHERE samples_fts MATCH \(bind: expression) LIMIT 1) AS \(unsafeRaw: name)"
        }
        return "SELECT " + columns.joined(separator: ", ")
    }

    /// What `probe` found.
    struct Found: Equatable {
        /// For each level, whether a sample matches there and not at a better level.
        var levels: [Bool]
        /// Whether a match holds every word in its title.
        var title: Bool
        /// Whether a match holds every word in its creator.
        var creator: Bool
    }

    /// Reads the row of `probe`.
    func found(_ row: any SQLRow) throws -> Found {
        func has(_ column: String) throws -> Bool { try row.decode(column: column, as: Int?.self) != nil }
        return Found(levels: try levels.indices.map { try has("level\($0)") },
                     title: try has("title"), creator: try has("creator"))
    }

    /// The FTS5 queries of the tiers that may have rows, best first: by level, then title
    /// matches, then creator matches.
    func tierExpressions(_ found: Found) -> [String] {
        var tiers: [String] = []
        for index in levels.indices where found.levels[index] {
            // A better level without matches excludes nothing.
            let excludesBetter = found.levels[..<index].contains(true)
            let base = excludesBetter ? level(index) : upTo(index)
            // Every match: a title or creator match is one already (FTS5 then reads one query less).
            let isEveryMatch = index == levels.count - 1 && !excludesBetter
            for inTitle in found.title ? [true, false] : [false] {
                for inCreator in found.creator ? [true, false] : [false] {
                    var expression: String
                    var (checkTitle, checkCreator) = (found.title, found.creator)
                    if isEveryMatch && inTitle {
                        (expression, checkTitle) = (title, false)
                    } else if isEveryMatch && inCreator {
                        (expression, checkCreator) = (creator, false)
                    } else {
                        expression = base
                    }
                    if checkTitle { expression = "(\(expression)) \(inTitle ? "AND" : "NOT") (\(title))" }
                    if checkCreator { expression = "(\(expression)) \(inCreator ? "AND" : "NOT") (\(creator))" }
                    tiers.append(expression)
                }
            }
        }
        return tiers
    }

    /// The page: its rows (`samples` columns and `total_count`) in relevance order, or nil when
    /// no tier has a row.
    func page(_ found: Found) -> SQLQueryString? {
        let tiers = tierExpressions(found)
        guard !tiers.isEmpty else { return nil }
        let reach = offset + limit
        // The created_at of the window's oldest sample (every sample when there are fewer), and the
        // lowest and highest rowid in the window (`created_at >= c`, ties included), read together
        // on `samples_created` (apart, SQLite would look for each by walking the rowids).
        var ctes: [SQLQueryString] = [
            """
            cutoff AS MATERIALIZED (SELECT w.c AS c, MIN(s.rowid) AS lo, MAX(s.rowid) AS hi FROM (SELECT COALESCE((SELECT \
            created_at FROM samples ORDER BY created_at DESC LIMIT 1 OFFSET \(literal: window - 1)), (SELECT MIN(created_at) \
            FROM samples)) AS c) w JOIN samples s ON s.created_at >= w.c)
            """,
        ]
        if let count { ctes.append("total AS MATERIALIZED (" + count + ")") }
        let filter: SQLQueryString = filters.isEmpty ? "" : " AND " + filters.joined(separator: " AND ")
        let newest: SQLQueryString = " ORDER BY s.created_at DESC, s.id LIMIT \(literal: reach))"
        var arms: [SQLQueryString] = []
        for (index, expression) in tiers.enumerated() {
            let name = "tier\(index)"
            ctes.append("\(unsafeRaw: name) AS MATERIALIZED (SELECT rowid FROM samples_fts WHERE samples_fts MATCH \(bind: expression))")
            // The tier's rows in the window's rowid range: what the window's arm needs, without
            // gathering every row of a broad tier (its rowids are not ordered by created_at, but
            // a library's newest samples mostly hold neighbouring rowids).
            ctes.append("""
                \(unsafeRaw: name)_window AS MATERIALIZED (SELECT rowid FROM samples_fts WHERE samples_fts MATCH \(bind: expression) \
                AND rowid BETWEEN (SELECT lo FROM cutoff) AND (SELECT hi FROM cutoff))
                """)
            let total: SQLQueryString = count == nil ? "NULL" : "(SELECT n FROM total)"
            let select: SQLQueryString = "SELECT * FROM (SELECT s.*, " + total + " AS total_count FROM samples s WHERE "
            // In the window: walk created_at (`+` keeps SQLite from driving by rowid instead).
            arms.append(select + "s.created_at >= (SELECT c FROM cutoff) AND +s.rowid IN \(unsafeRaw: name)_window" + filter + newest)
            // Older: the tier's own rows by rowid, sorted (`+`: not a scan of created_at).
            arms.append(select + "+s.created_at < (SELECT c FROM cutoff) AND s.rowid IN \(unsafeRaw: name)" + filter + newest)
        }
        return "WITH " + ctes.joined(separator: ", ") + " " + arms.joined(separator: " UNION ALL ")
            + " LIMIT \(literal: limit) OFFSET \(literal: offset)"
    }
}
