import Foundation
import Model
import SQLKit

/// Builds the SQL of a library search: full text, filters, sort and page.
struct SampleSearch {
    let dialect: SQLDialect
    let query: SampleQuery

    /// The FROM clause: all samples, or those matching the search words joined with their rank.
    private var source: SQLQueryString {
        if let match = query.search.flatMap(SQLDialect.matchExpression) { return dialect.searchSource(match) }
        return "samples s"
    }

    private var isSearching: Bool { query.search.flatMap(SQLDialect.matchExpression) != nil }

    private var conditions: SQLQueryString {
        var parts: [SQLQueryString] = []
        if let min = query.bpmMin { parts.append("COALESCE(s.bpm_override, s.bpm) >= \(bind: min)") }
        if let max = query.bpmMax { parts.append("COALESCE(s.bpm_override, s.bpm) <= \(bind: max)") }
        if let codes = query.camelotCodes {
            parts.append(codes.isEmpty ? "1 = 0" : "COALESCE(s.camelot_override, s.camelot) IN (\(binds: codes))")
        }
        if let status = query.status { parts.append("s.status = \(bind: status.rawValue)") }
        guard !parts.isEmpty else { return "" }
        return " WHERE " + parts.joined(separator: " AND ")
    }

    private var order: SQLQueryString {
        let sort = query.sort ?? (isSearching ? nil : .newest)
        switch sort {
        case nil: return " ORDER BY hits.rank, s.created_at DESC"
        case .newest: return " ORDER BY s.created_at DESC, s.id"
        case .oldest: return " ORDER BY s.created_at, s.id"
        case .bpm: return " ORDER BY COALESCE(s.bpm_override, s.bpm) IS NULL, COALESCE(s.bpm_override, s.bpm), s.created_at DESC"
        case .duration: return " ORDER BY s.duration_s IS NULL, s.duration_s, s.created_at DESC"
        case .downloads: return " ORDER BY s.download_count DESC, s.created_at DESC"
        case .views: return " ORDER BY s.view_count IS NULL, s.view_count DESC, s.created_at DESC"
        }
    }

    /// The page of matching rows.
    var page: SQLQueryString {
        "SELECT s.* FROM " + source + conditions + order
            + " LIMIT \(literal: query.limit) OFFSET \(literal: (query.page - 1) * query.limit)"
    }

    /// The number of matching rows.
    var count: SQLQueryString {
        "SELECT COUNT(*) AS n FROM " + source + conditions
    }
}
