import Foundation
import Model
import SQLKit

/// One table as `LibraryMover` copies it: the columns both databases have, typed as the
/// PostgreSQL end declares them, read from one database and inserted into the other in batches
/// (SQLite into PostgreSQL, or back), each row with its own id and skipped when the target has it
/// (`ON CONFLICT DO NOTHING`, which both engines take).
struct TableCopy: Sendable {
    /// A value of a column.
    enum Cell: Hashable, Sendable {
        case null, text(String), int(Int), double(Double), bool(Bool), uuid(UUID), bytes(Data)
    }

    /// A column's type at the PostgreSQL end.
    enum Kind: Sendable { case text, int, double, bool, uuid, bytes }

    let name: String
    let columns: [(name: String, kind: Kind)]
    /// The columns that tell two rows apart: `id` when the table has one, else all of them.
    let keyColumns: [Int]

    /// Rows per INSERT.
    static let batch = 200

    /// The tables of the PostgreSQL end other than Fluent's own, parents before the tables whose
    /// foreign keys point at them, each with the columns the SQLite end has too (the search index
    /// and search words of either are made by its own triggers).
    static func plan(from source: any SQLDatabase, to target: any SQLDatabase) async throws -> [TableCopy] {
        let sourceIsPostgres = SQLDialect(source).engine == .postgres
        guard sourceIsPostgres != (SQLDialect(target).engine == .postgres) else {
            throw SampleTokError(.moveSchema, "A move copies rows between SQLite and PostgreSQL: one end of each.")
        }
        let postgres = sourceIsPostgres ? source : target
        let local = sourceIsPostgres ? target : source
        struct Column: Decodable { let table_name: String; let column_name: String; let data_type: String }
        let columns = try await postgres.raw("""
            SELECT table_name, column_name, data_type FROM information_schema.columns \
            WHERE table_schema = current_schema() AND table_name IN (SELECT table_name FROM information_schema.tables \
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE') ORDER BY table_name, ordinal_position
            """).all(decoding: Column.self)
        struct Edge: Decodable { let child: String; let parent: String }
        let edges = try await postgres.raw("""
            SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent FROM pg_constraint c \
            WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
            """).all(decoding: Edge.self)
        var byTable: [String: [Column]] = [:]
        // `search_terms` is the target's own, filled by its search trigger as the samples arrive.
        for column in columns where !["_fluent_migrations", "search_terms"].contains(column.table_name) {
            byTable[column.table_name, default: []].append(column)
        }

        var ordered: [String] = []
        var left = Set(byTable.keys)
        while !left.isEmpty {
            let ready = left.filter { table in !edges.contains { $0.child == table && $0.parent != table && left.contains($0.parent) } }.sorted()
            guard !ready.isEmpty else {
                throw SampleTokError(.moveSchema, "The PostgreSQL foreign keys form a cycle among \(left.sorted()); cannot order the copy.")
            }
            ordered += ready
            left.subtract(ready)
        }
        var plan: [TableCopy] = []
        for table in ordered {
            let present = try await SQLDialect(local).columnNames(of: table, in: local)
            guard !present.isEmpty else {
                throw SampleTokError(.moveSchema, "The local library has no table \(table); open it with this SampleTok once to upgrade it.")
            }
            let kept = (byTable[table] ?? []).compactMap { column -> (name: String, kind: Kind)? in
                guard present.contains(column.column_name), let kind = Self.kind(column.data_type) else { return nil }
                return (column.column_name, kind)
            }
            let id = kept.firstIndex { $0.name == "id" }
            plan.append(TableCopy(name: table, columns: kept, keyColumns: id.map { [$0] } ?? Array(kept.indices)))
        }
        return plan
    }

    private static func kind(_ type: String) -> Kind? {
        switch type {
        case "uuid": return .uuid
        case "text", "character varying", "character": return .text
        case "bigint", "integer", "smallint": return .int
        case "double precision", "real", "numeric": return .double
        case "boolean": return .bool
        case "bytea": return .bytes
        default: return nil
        }
    }

    /// The key of a row.
    func key(_ row: [Cell]) -> [Cell] { keyColumns.map { row[$0] } }

    /// Every row of the table in `database`, its cells in `columns` order.
    func rows(in database: any SQLDatabase) async throws -> [[Cell]] {
        let query: SQLQueryString = "SELECT \(idents: columns.map(\.name), joinedBy: ", ") FROM \(ident: name)"
        return try await database.raw(query).all().map { row in try columns.map { try Self.cell(row, $0.name, $0.kind) } }
    }

    private static func cell(_ row: any SQLRow, _ column: String, _ kind: Kind) throws -> Cell {
        if try row.decodeNil(column: column) { return .null }
        switch kind {
        case .text: return .text(try row.decode(column: column, as: String.self))
        case .int: return .int(try row.decode(column: column, as: Int.self))
        case .double:
            if let value = try? row.decode(column: column, as: Double.self) { return .double(value) }
            return .double(Double(try row.decode(column: column, as: Int.self)))
        case .bool:
            if let value = try? row.decode(column: column, as: Bool.self) { return .bool(value) }
            return .bool(try row.decode(column: column, as: Int.self) != 0)
        case .bytes: return .bytes(try row.decode(column: column, as: Data.self))
        case .uuid:
            if let value = try? row.decode(column: column, as: UUID.self) { return .uuid(value) }
            let text = try row.decode(column: column, as: String.self)
            guard let value = UUID(uuidString: text) else {
                throw SampleTokError(.moveBadRow, "\(column) holds '\(text)', which is not a UUID.")
            }
            return .uuid(value)
        }
    }

    /// Inserts `rows` into `database`, skipping those it has; returns how many it inserted.
    func insert(_ rows: [[Cell]], into database: any SQLDatabase, progress: (Int) -> Void) async throws -> Int {
        var inserted = 0
        var offset = 0
        while offset < rows.count {
            let slice = rows[offset..<min(rows.count, offset + Self.batch)]
            var query: SQLQueryString = "INSERT INTO \(ident: name) (\(idents: columns.map(\.name), joinedBy: ", ")) VALUES "
            for (index, row) in slice.enumerated() {
                if index > 0 { query = query + ", " }
                query = query + "(" + row.map(Self.expression).joined(separator: ", ") + ")"
            }
            query = query + " ON CONFLICT DO NOTHING RETURNING 1 AS inserted"
            inserted += try await database.raw(query).all().count
            offset += slice.count
            progress(offset)
        }
        return inserted
    }

    private static func expression(_ cell: Cell) -> SQLQueryString {
        switch cell {
        case .null: return "NULL"
        case .text(let value): return "\(bind: value)"
        case .int(let value): return "\(bind: value)"
        case .double(let value): return "\(bind: value)"
        case .bool(let value): return "\(bind: value)"
        case .uuid(let value): return "\(bind: value)"
        case .bytes(let value): return "\(bind: value)"
        }
    }
}
