import Foundation
import Model
import SQLKit

/// Builds the SQL of a library search: full text, filters, sort and page. The search text is
/// parsed once (`SearchSyntax`): its field filters (`bpm:90-110 key:Am`) narrow the query's own,
/// its plain words are the full-text search. The filters run on the indexes of `samples`
/// (effective key and tempo); the search is a membership test on the full-text index, so a
/// selective filter keeps a search cheap on a large library. Relevance ranks by how well every
/// word matched (all whole words, then prefixes, then parts of words, then typos), then by where
/// they were found (the title, then the creator's name, then only the description), newest first.
struct SampleSearch {
    let dialect: SQLDialect
    let query: SampleQuery
    /// The search text, parsed.
    let syntax: SearchSyntax?
    /// The plain words, each with what it expands to, or nil without any.
    let words: [SearchWord]?
    /// The user whose stars `starred` (of the query or its search text) reads.
    let viewer: UUID?

    /// A search for `query`; `vocabulary` (the index's words) lets words match by part and by
    /// typo; `viewer` is the user whose stars a `starred` filter reads (without one, a `starred`
    /// filter matches nothing starred: no sample for `true`, every sample for `false`).
    init(dialect: SQLDialect, query: SampleQuery, vocabulary: SearchVocabulary? = nil, viewer: UUID? = nil) {
        self.dialect = dialect
        self.query = query
        self.viewer = viewer
        syntax = query.searchSyntax
        words = syntax?.text.flatMap(SQLDialect.searchWords)?.map {
            SearchWord(text: $0, expansion: vocabulary?.expansion(of: $0) ?? SearchVocabulary.Expansion())
        }
    }

    /// Whether the words of `query` can match by part or by typo, so the vocabulary is worth reading.
    static func needsVocabulary(_ query: SampleQuery) -> Bool {
        let words = query.searchSyntax?.text.flatMap(SQLDialect.searchWords) ?? []
        return words.contains { $0.count >= 3 && $0.contains(where: \.isLetter) }
    }

    /// The conditions of the filters of `filters` (a query's own, or its search text's fields).
    private static func filterConditions(_ filters: SampleQuery) -> [SQLQueryString] {
        var parts: [SQLQueryString] = []
        if let codes = filters.camelotCodes {
            parts.append(codes.isEmpty ? "1 = 0" : "COALESCE(s.camelot_override, s.camelot) IN (\(binds: codes))")
        }
        func range(_ factor: Double) -> SQLQueryString? {
            var bounds: [SQLQueryString] = []
            if let min = filters.bpmMin { bounds.append("COALESCE(s.bpm_override, s.bpm) >= \(bind: min * factor)") }
            if let max = filters.bpmMax { bounds.append("COALESCE(s.bpm_override, s.bpm) <= \(bind: max * factor)") }
            return bounds.isEmpty ? nil : bounds.joined(separator: " AND ")
        }
        if let tempo = range(1) {
            if filters.bpmHalfDouble == true, let half = range(0.5), let double = range(2) {
                parts.append("((" + tempo + ") OR (" + half + ") OR (" + double + "))")
            } else {
                parts.append(tempo)
            }
        }
        if let status = filters.status {
            // `processing` is every sample on its way ("working" in the app): its job may not have started yet.
            parts.append(status == .processing ? "s.status IN (\(binds: [SampleStatus.pending.rawValue, SampleStatus.processing.rawValue]))"
                                               : "s.status = \(bind: status.rawValue)")
        }
        return parts
    }

    /// The conditions of the filters (of the query and of its search text).
    var filters: [SQLQueryString] {
        Self.filterConditions(query) + (syntax.map { Self.filterConditions($0.filters) } ?? []) + starredConditions
    }

    /// The condition of a `starred` filter (the search text's wins over the query's): the
    /// samples in (or not in) the viewer's stars.
    private var starredConditions: [SQLQueryString] {
        guard let starred = syntax?.filters.starred ?? query.starred else { return [] }
        guard let viewer else { return [starred ? "1 = 0" : "1 = 1"] }
        let stars: SQLQueryString = "SELECT st.sample_id FROM sample_stars st WHERE st.user_id = \(bind: viewer)"
        return [(starred ? "s.id IN (" : "s.id NOT IN (") + stars + ")"]
    }

    private var conditions: SQLQueryString {
        var parts = filters
        if let words { parts.append(dialect.matches(words, upTo: .typo)) }
        guard !parts.isEmpty else { return "" }
        return " WHERE " + parts.joined(separator: " AND ")
    }

    /// The levels of match worth telling apart for these words (a level no word reaches by
    /// anything new is left out), best first.
    func rankLevels(_ words: [SearchWord]) -> [SearchWord.Level] {
        var levels: [SearchWord.Level] = [.exact, .prefix]
        if words.contains(where: { !$0.expansion.substrings.isEmpty }) { levels.append(.substring) }
        if words.contains(where: { !$0.expansion.typos.isEmpty }) { levels.append(.typo) }
        return levels
    }

    /// The effective Camelot code, its number (1–12) and its letter (`A` minor, `B` major).
    private static let camelot: SQLQueryString = "COALESCE(s.camelot_override, s.camelot)"
    private static let camelotNumber: SQLQueryString = "CAST(SUBSTR(" + camelot + ", 1, LENGTH(" + camelot + ") - 1) AS INTEGER)"
    private static let camelotLetter: SQLQueryString = "SUBSTR(" + camelot + ", LENGTH(" + camelot + "), 1)"
    private static let tempo: SQLQueryString = "COALESCE(s.bpm_override, s.bpm)"

    /// One term of an `ORDER BY`: a value and its direction, or (`missingLast`) the term that puts
    /// rows without the sorted value last, which `reverse` leaves alone.
    private struct OrderTerm {
        var sql: SQLQueryString
        var descending = false
        var missingLast = false

        static func asc(_ sql: SQLQueryString) -> OrderTerm { OrderTerm(sql: sql) }
        static func desc(_ sql: SQLQueryString) -> OrderTerm { OrderTerm(sql: sql, descending: true) }
        static func missingLast(_ sql: SQLQueryString) -> OrderTerm { OrderTerm(sql: sql + " IS NULL", missingLast: true) }
    }

    /// The `ORDER BY` clause; with `reverse`, every direction swapped (rows without the sorted value stay last).
    private var order: SQLQueryString {
        let reverse = query.reverse == true
        let terms = orderTerms.map { term -> SQLQueryString in
            if term.missingLast { return term.sql }
            return term.descending != reverse ? term.sql + " DESC" : term.sql
        }
        return " ORDER BY " + terms.joined(separator: ", ")
    }

    private var orderTerms: [OrderTerm] {
        let newest: [OrderTerm] = [.desc("s.created_at"), .asc("s.id")]
        switch query.sort ?? (words == nil ? .newest : nil) {
        case nil:
            guard let words else { return newest }
            // The best level every word reaches: 0 when all are whole words, and so on.
            let levels = rankLevels(words)
            var rank: SQLQueryString = "CASE"
            for (index, level) in levels.dropLast().enumerated() {
                rank = rank + " WHEN " + dialect.matches(words, upTo: level) + " THEN \(unsafeRaw: String(index))"
            }
            rank = rank + " ELSE \(unsafeRaw: String(levels.count - 1)) END"
            return [.asc(rank), .desc(dialect.matches(words, upTo: .typo, in: "title")),
                    .desc(dialect.matches(words, upTo: .typo, in: "creator"))] + newest
        case .newest: return newest
        case .oldest: return [.asc("s.created_at"), .asc("s.id")]
        case .bpm: return [.missingLast(Self.tempo), .asc(Self.tempo), .desc("s.created_at")]
        case .duration: return [.missingLast("s.duration_s"), .asc("s.duration_s"), .desc("s.created_at")]
        case .downloads: return [.desc("s.download_count"), .desc("s.created_at")]
        case .views: return [.missingLast("s.view_count"), .desc("s.view_count"), .desc("s.created_at")]
        case .key:
            // The tonic's place on the circle of fifths from C: major n B is (n + 4) % 12, minor n A (n + 7) % 12.
            let place: SQLQueryString = "CASE " + Self.camelotLetter + " WHEN 'B' THEN (" + Self.camelotNumber
                + " + 4) % 12 ELSE (" + Self.camelotNumber + " + 7) % 12 END"
            return [.missingLast(Self.camelot), .asc(place), .desc(Self.camelotLetter), .desc("s.created_at")]
        case .camelot:
            return [.missingLast(Self.camelot), .asc(Self.camelotNumber), .asc(Self.camelotLetter), .desc("s.created_at")]
        }
    }

    /// The page of matching rows, each with the total count of matches as `total_count`, in one
    /// statement (one snapshot). The count is a scalar subquery, evaluated once: a window
    /// `COUNT(*) OVER ()` would make SQLite read and sort every match before the `LIMIT`
    /// (≈ 400 ms instead of ≈ 10 ms for the first page of 100,000 rows).
    var page: SQLQueryString {
        "SELECT s.*, " + totalColumn + " AS total_count FROM samples s" + conditions + order
            + " LIMIT \(literal: query.limit) OFFSET \(literal: (query.page - 1) * query.limit)"
    }

    /// The count a page's rows carry: the statement `count`, or NULL for a page asked for
    /// without it (`SampleQuery.counted` false).
    var totalColumn: SQLQueryString {
        query.counted == false ? "NULL" : "(" + count + ")"
    }

    /// The number of matching rows (for a page past the end, which has no row to carry it).
    var count: SQLQueryString {
        // Words alone: counted on the index (SQLite reads no sample row for it).
        if let words, filters.isEmpty { return dialect.matchCount(words) }
        return "SELECT COUNT(*) AS n FROM samples s" + conditions
    }
}
