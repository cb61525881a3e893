import Foundation
import Model
import SQLKit

/// The SQL that differs between database engines, kept in one place: the full-text index and
/// its query, the atomic claim of a job, the change stamp and schema introspection. Everything
/// else goes through Fluent (or is SQL both engines take).
struct SQLDialect {
    /// The engines SampleTok knows.
    enum Engine { case sqlite, postgres }

    let engine: Engine

    init(_ database: any SQLDatabase) {
        engine = database.dialect.name == "postgresql" ? .postgres : .sqlite
    }

    /// A row (`changes`, `version`) that differs after any write by this connection (SQLite's
    /// `total_changes()`, triggers included) or any commit by another connection or process
    /// (`PRAGMA data_version`): what a cache of query results is keyed on.
    ///
    /// PostgreSQL: the current snapshot, which moves when any write transaction on the server
    /// starts (`xmax`) or ends (its id leaves the in-progress list), whichever node made it:
    /// `changes` is `xmax`, `version` a 64-bit hash of the whole snapshot. No trigger and no
    /// shared counter row that every writer would queue on.
    var changeStamp: SQLQueryString {
        switch engine {
        case .sqlite: return "SELECT total_changes() AS changes, data_version AS version FROM pragma_data_version"
        case .postgres:
            return """
                SELECT pg_snapshot_xmax(snap)::text::bigint AS changes, hashtextextended(snap::text, 0) AS version \
                FROM (SELECT pg_current_snapshot() AS snap) AS current
                """
        }
    }

    /// A value that changes whenever the words of the search index may have changed, and not on
    /// the library's other writes (a job's progress, a download counted): SQLite's FTS5 structure
    /// record (`stamp`), which every write to the index replaces. Nil on PostgreSQL, whose
    /// vocabulary follows the change stamp.
    var searchIndexStamp: SQLQueryString? {
        switch engine {
        case .sqlite: return "SELECT block AS stamp FROM samples_fts_data WHERE id = 10"
        case .postgres: return nil
        }
    }

    /// The PostgreSQL function that turns a text into what the search index holds: lower case,
    /// common Latin diacritics folded (as FTS5's `remove_diacritics 2`), and the punctuation that
    /// PostgreSQL's parser would keep inside a token (`loop.wav`, `a/b`, `x@y`, `hip-hop`) made a
    /// word break, as FTS5's `unicode61` tokenizer breaks there.
    private static let searchTextFunction = """
        CREATE OR REPLACE FUNCTION sampletok_search_text(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ \
        SELECT translate(lower(coalesce(t, '')), \
        'àáâãäåāăąçćčďđèéêëēėęěìíîïīįıñńňòóôõöøōőùúûüūůűųýÿžźżšśłřťğ._/@:+-''’#&', \
        'aaaaaaaaacccddeeeeeeeeiiiiiiinnnoooooooouuuuuuuuyyzzzsslrtg' || repeat(' ', 11)) $$
        """

    /// The PostgreSQL trigger function that fills `samples.search`: the title weighted A, the
    /// creator B, the description C (so a match can be narrowed to one of them with `ts_filter`).
    /// With `terms` (from `CreateSearchTerms` on), it also adds the row's words that hold a
    /// letter to `search_terms`.
    private static func searchVectorFunction(creator: String, terms: Bool = false) -> String {
        let addTerms = terms
            ? "INSERT INTO search_terms (term) SELECT t FROM unnest(tsvector_to_array(NEW.search)) AS t "
                + "WHERE t ~ '[^0-9]' ON CONFLICT DO NOTHING; "
            : ""
        return """
        CREATE OR REPLACE FUNCTION sampletok_samples_search() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
        NEW.search := setweight(to_tsvector('simple', sampletok_search_text(NEW.title)), 'A') \
        || setweight(to_tsvector('simple', sampletok_search_text(\(creator))), 'B') \
        || setweight(to_tsvector('simple', sampletok_search_text(NEW.description)), 'C'); \
        \(addTerms)RETURN NEW; END $$
        """
    }

    /// The creator column of the index from version 4 on: the username and the display name.
    private static let creatorText = "TRIM(COALESCE(NEW.creator, '') || ' ' || COALESCE(NEW.creator_name, ''))"

    /// Statements that make the index's words readable (`searchTerms`): an `fts5vocab` table over
    /// `samples_fts` (SQLite), or the table `search_terms`, kept by the search trigger and filled
    /// from the rows already indexed (PostgreSQL).
    var createSearchTerms: [String] {
        switch engine {
        case .sqlite:
            // The index made again with a prefix index for 1 character too (the first key of a
            // search-as-you-type reads one list instead of merging every word with that letter).
            return [
                "DROP TABLE IF EXISTS samples_fts",
                """
                CREATE VIRTUAL TABLE samples_fts USING fts5(title, description, creator,
                    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')
                """,
                """
                INSERT INTO samples_fts (rowid, title, description, creator) SELECT rowid, title, description, \
                TRIM(COALESCE(creator, '') || ' ' || COALESCE(creator_name, '')) FROM samples
                """,
                "CREATE VIRTUAL TABLE IF NOT EXISTS samples_fts_terms USING fts5vocab(samples_fts, 'row')",
            ]
        case .postgres:
            return [
                "CREATE TABLE IF NOT EXISTS search_terms (term text PRIMARY KEY)",
                Self.searchVectorFunction(creator: Self.creatorText, terms: true),
                """
                INSERT INTO search_terms (term) SELECT DISTINCT t FROM samples, unnest(tsvector_to_array(search)) AS t \
                WHERE t ~ '[^0-9]' ON CONFLICT DO NOTHING
                """,
            ]
        }
    }

    /// Statements that remove what `createSearchTerms` made.
    var dropSearchTerms: [String] {
        switch engine {
        case .sqlite: return ["DROP TABLE IF EXISTS samples_fts_terms"]
        case .postgres: return [Self.searchVectorFunction(creator: Self.creatorText), "DROP TABLE IF EXISTS search_terms"]
        }
    }

    /// The index's words that hold something other than digits (`term`). PostgreSQL's may
    /// include words no row holds any more (never removed): they match nothing.
    var searchTerms: SQLQueryString {
        switch engine {
        case .sqlite: return "SELECT term FROM samples_fts_terms WHERE term GLOB '*[^0-9]*'"
        case .postgres: return "SELECT term FROM search_terms"
        }
    }

    /// Statements that create the full-text index and keep it in step with `samples`. The index
    /// shares the rowid of `samples` (the library never runs VACUUM, which could renumber them).
    var createSearchIndex: [String] {
        switch engine {
        case .sqlite:
            return [
                """
                CREATE VIRTUAL TABLE IF NOT EXISTS samples_fts USING fts5(title, description, creator,
                    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')
                """,
                """
                CREATE TRIGGER IF NOT EXISTS samples_fts_insert AFTER INSERT ON samples BEGIN
                    INSERT INTO samples_fts (rowid, title, description, creator)
                    VALUES (new.rowid, new.title, new.description, new.creator);
                END
                """,
                """
                CREATE TRIGGER IF NOT EXISTS samples_fts_delete AFTER DELETE ON samples BEGIN
                    DELETE FROM samples_fts WHERE rowid = old.rowid;
                END
                """,
                """
                CREATE TRIGGER IF NOT EXISTS samples_fts_update AFTER UPDATE OF title, description, creator ON samples BEGIN
                    UPDATE samples_fts SET title = new.title, description = new.description, creator = new.creator
                    WHERE rowid = new.rowid;
                END
                """,
            ]
        case .postgres:
            return [
                "ALTER TABLE samples ADD COLUMN IF NOT EXISTS search tsvector",
                "CREATE INDEX IF NOT EXISTS samples_search ON samples USING GIN (search)",
                Self.searchTextFunction,
                Self.searchVectorFunction(creator: "NEW.creator"),
                """
                CREATE OR REPLACE TRIGGER samples_search BEFORE INSERT OR UPDATE OF title, description, creator ON samples \
                FOR EACH ROW EXECUTE FUNCTION sampletok_samples_search()
                """,
            ]
        }
    }

    /// Statements that remove the full-text index.
    var dropSearchIndex: [String] {
        switch engine {
        case .sqlite:
            return ["DROP TRIGGER samples_fts_update", "DROP TRIGGER samples_fts_delete",
                    "DROP TRIGGER samples_fts_insert", "DROP TABLE samples_fts"]
        case .postgres:
            return ["DROP TRIGGER samples_search ON samples", "DROP FUNCTION sampletok_samples_search()",
                    "DROP INDEX samples_search", "ALTER TABLE samples DROP COLUMN search"]
        }
    }

    /// Statements (version 4) that make the index's creator column the username and the display
    /// name, kept in step when either changes (a creator's profile is refreshed on its samples).
    var creatorSearchTriggers: [String] {
        switch engine {
        case .sqlite:
            let creator = "TRIM(COALESCE(new.creator, '') || ' ' || COALESCE(new.creator_name, ''))"
            return [
                "DROP TRIGGER IF EXISTS samples_fts_insert",
                "DROP TRIGGER IF EXISTS samples_fts_update",
                """
                CREATE TRIGGER samples_fts_insert AFTER INSERT ON samples BEGIN
                    INSERT INTO samples_fts (rowid, title, description, creator)
                    VALUES (new.rowid, new.title, new.description, \(creator));
                END
                """,
                """
                CREATE TRIGGER samples_fts_update AFTER UPDATE OF title, description, creator, creator_name ON samples BEGIN
                    UPDATE samples_fts SET title = new.title, description = new.description, creator = \(creator)
                    WHERE rowid = new.rowid;
                END
                """,
            ]
        case .postgres:
            return [
                Self.searchVectorFunction(creator: Self.creatorText),
                """
                CREATE OR REPLACE TRIGGER samples_search BEFORE INSERT OR UPDATE OF title, description, creator, creator_name \
                ON samples FOR EACH ROW EXECUTE FUNCTION sampletok_samples_search()
                """,
                "UPDATE samples SET title = title WHERE creator_name IS NOT NULL",
            ]
        }
    }

    /// The names of the columns `table` has now (a migration adds only the missing ones, so a run
    /// cut short is completed by the next).
    func columnNames(of table: String, in sql: any SQLDatabase) async throws -> Set<String> {
        let query: SQLQueryString
        switch engine {
        case .sqlite: query = "SELECT name FROM pragma_table_info(\(bind: table))"
        case .postgres:
            query = """
                SELECT column_name AS name FROM information_schema.columns \
                WHERE table_schema = current_schema() AND table_name = \(bind: table)
                """
        }
        return Set(try await sql.raw(query).all().compactMap { try? $0.decode(column: "name", as: String.self) })
    }

    /// The search words (at most 16, lower case), or nil when the text holds no word.
    static func searchWords(_ text: String) -> [String]? {
        let words = text.lowercased().split { !($0.isLetter || $0.isNumber) }.prefix(16).map(String.init)
        return words.isEmpty ? nil : words
    }

    /// A condition on `samples s`: the sample holds every word, each matched up to `level` (a
    /// whole word, a prefix, a part, a typo: each level takes the ones before it), in `column`
    /// only when given (`title` or `creator`).
    func matches(_ words: [SearchWord], upTo level: SearchWord.Level, in column: String? = nil) -> SQLQueryString {
        switch engine {
        case .sqlite:
            let expression = Self.ftsExpression(words, upTo: level, in: column)
            return "s.rowid IN (SELECT rowid FROM samples_fts WHERE samples_fts MATCH \(bind: expression))"
        case .postgres:
            // Each word folded as the index is, quoted as a lexeme (a prefix unless exact); the
            // words it expands to are the index's own lexemes.
            let query = words.map { word -> SQLQueryString in
                let suffix = level == .exact ? "" : ":*"
                let alternatives: [SQLQueryString] = ["to_tsquery('simple', quote_literal(sampletok_search_text(\(bind: word.text))) || \(bind: suffix))"]
                    + word.terms(upTo: level).map { term -> SQLQueryString in "to_tsquery('simple', quote_literal(\(bind: term)))" }
                return "(" + alternatives.joined(separator: " || ") + ")"
            }.joined(separator: " && ")
            let weight = column.map { $0 == "title" ? "a" : "b" }
            let vector: SQLQueryString = weight.map { "ts_filter(s.search, '{\(unsafeRaw: $0)}')" } ?? "s.search"
            return "(" + vector + " @@ (" + query + "))"
        }
    }

    /// The FTS5 query of `matches` (SQLite).
    static func ftsExpression(_ words: [SearchWord], upTo level: SearchWord.Level, in column: String? = nil) -> String {
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        let match = words.map { word -> String in
            let alternatives = [quoted(word.text) + (level == .exact ? "" : "*")] + word.terms(upTo: level).map(quoted)
            return alternatives.count == 1 ? alternatives[0] : "(" + alternatives.joined(separator: " OR ") + ")"
        }.joined(separator: " AND ")  // explicit: FTS5 takes no implicit AND after a parenthesis
        // Parenthesised: a column filter before a bare list of phrases applies to the first only.
        return column.map { "{\($0)} : (\(match))" } ?? match
    }

    /// The number of samples that hold every word (up to typos), when nothing else filters:
    /// SQLite counts the index's own rows (each is a sample's), without reading `samples`.
    func matchCount(_ words: [SearchWord]) -> SQLQueryString {
        switch engine {
        case .sqlite:
            return "SELECT COUNT(*) AS n FROM samples_fts WHERE samples_fts MATCH \(bind: Self.ftsExpression(words, upTo: .typo))"
        case .postgres:
            return "SELECT COUNT(*) AS n FROM samples s WHERE " + matches(words, upTo: .typo)
        }
    }

    /// One statement that claims the next runnable job for `owner` until `expires`, and returns its id:
    /// a queued job whose time has come, or a running one whose lease ran out.
    /// With `sample`, only that sample's job is taken; without `localFiles`, no job made from a local file.
    func claimJob(owner: String, now: Double, expires: Double, sample: UUID?, localFiles: Bool) -> SQLQueryString {
        var only: SQLQueryString = sample.map { " sample_id = \(bind: $0) AND" } ?? ""
        // A local file's job has its absolute path as source; a process that cannot read local files leaves it.
        if !localFiles { only = only + " source NOT LIKE '/%' AND" }
        switch engine {
        case .sqlite:
            return """
                UPDATE jobs SET status = 'running', lease_owner = \(bind: owner), lease_expires_at = \(bind: expires), \
                updated_at = \(bind: now) WHERE id = (SELECT id FROM jobs WHERE
                """ + only + """
                 ((status IN ('queued', 'retrying') AND run_at <= \(bind: now)) OR (status = 'running' AND lease_expires_at < \(bind: now))) \
                ORDER BY run_at LIMIT 1) RETURNING id
                """
        case .postgres:
            // The row is locked by the subquery, and rows other claims hold are passed over
            // (not waited for): two nodes claiming at once get two different jobs.
            return """
                UPDATE jobs SET status = 'running', lease_owner = \(bind: owner), lease_expires_at = \(bind: expires), \
                updated_at = \(bind: now) WHERE id = (SELECT id FROM jobs WHERE
                """ + only + """
                 ((status IN ('queued', 'retrying') AND run_at <= \(bind: now)) OR (status = 'running' AND lease_expires_at < \(bind: now))) \
                ORDER BY run_at LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id
                """
        }
    }

    /// Statements that make `jobs.sample_id` nullable. SQLite cannot drop a NOT NULL in place:
    /// the table is built anew with the same columns, filled, and renamed over the old one.
    var allowJobsWithoutSample: [String] {
        switch engine {
        case .sqlite:
            return [
                "DROP TABLE IF EXISTS jobs_next",
                """
                CREATE TABLE jobs_next ("id" UUID PRIMARY KEY, "kind" TEXT NOT NULL, \
                "sample_id" UUID REFERENCES "samples" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, \
                "source" TEXT NOT NULL, "status" TEXT NOT NULL, "attempts" INTEGER NOT NULL, "max_attempts" INTEGER NOT NULL, \
                "run_at" DOUBLE NOT NULL, "lease_owner" TEXT, "lease_expires_at" DOUBLE, "checkpoints" TEXT NOT NULL, \
                "step" TEXT, "progress" DOUBLE NOT NULL, "error_code" TEXT, "error_message" TEXT, \
                "created_at" DOUBLE NOT NULL, "updated_at" DOUBLE NOT NULL)
                """,
                """
                INSERT INTO jobs_next (id, kind, sample_id, source, status, attempts, max_attempts, run_at, lease_owner, \
                lease_expires_at, checkpoints, step, progress, error_code, error_message, created_at, updated_at) \
                SELECT id, kind, sample_id, source, status, attempts, max_attempts, run_at, lease_owner, \
                lease_expires_at, checkpoints, step, progress, error_code, error_message, created_at, updated_at FROM jobs
                """,
                "DROP TABLE jobs",
                "ALTER TABLE jobs_next RENAME TO jobs",
                "CREATE INDEX IF NOT EXISTS jobs_ready ON jobs (status, run_at)",
                "CREATE INDEX IF NOT EXISTS jobs_sample ON jobs (sample_id)",
            ]
        case .postgres:
            return ["ALTER TABLE jobs ALTER COLUMN sample_id DROP NOT NULL"]
        }
    }

    /// Statements run on every new connection. For SQLite, `busy_timeout` comes first: it
    /// replaces sqlite-nio's busy handler (which retries at once, forever, spinning a thread)
    /// with SQLite's own, which sleeps and retries for up to `busyTimeout` seconds when another
    /// process holds the database, then fails with `SQLITE_BUSY` (`library.busy` to the user).
    /// A page cache of 16 MiB (the default is 2 MiB) keeps the search index's pages that a search
    /// as you type reads again on every key, instead of reading them from the file each time.
    func connectionSetup(busyTimeout: Double) -> [String] {
        switch engine {
        case .sqlite:
            let milliseconds = Int((max(0, busyTimeout) * 1000).rounded())
            // Pages read through a memory map (up to 256 MiB of the file) are not copied into the
            // page cache: a search's first read of the index pages it needs costs about half.
            return ["PRAGMA busy_timeout = \(milliseconds)", "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL",
                    "PRAGMA cache_size = -16384", "PRAGMA mmap_size = 268435456"]
        case .postgres: return []
        }
    }
}
