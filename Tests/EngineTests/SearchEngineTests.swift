@testable import Engine
import Benchmarks
import FluentSQL
import Foundation
import Model
import SQLKit
import TestSupport
import Testing

@Suite("search: the same answers on every engine")
struct SearchEngineTests {
    /// The words of `text` as the index sees them: lower case, split at what is not a letter or digit.
    static func tokens(_ text: String?) -> [String] {
        (text ?? "").lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// What a search for `query` must answer, worked out from the rows themselves: every word
    /// matches a word of the title, creator or description whole, as a prefix, as a part or with
    /// a typo (the words `SearchVocabulary` gives for it); rows where every word matched whole
    /// first, then by prefix, by part, by typo; within each, title matches first, then creator
    /// matches, newest first.
    static func expected(_ query: String, in samples: [Sample]) -> [UUID] {
        let words = tokens(query)
        let vocabulary = SearchVocabulary(samples.flatMap { tokens($0.title) + tokens($0.creator) + tokens($0.description) }
            .filter { $0.contains(where: \.isLetter) })
        let expansions = words.map { vocabulary.expansion(of: $0) }
        /// The best level of each word in `fields`, the worst of them, or nil when a word is missing.
        func level(_ fields: [String?]) -> Int? {
            let have = fields.flatMap(tokens)
            var worst = 0
            for (word, expansion) in zip(words, expansions) {
                let levels = have.compactMap { token -> Int? in
                    if token == word { return 0 }
                    if token.hasPrefix(word) { return 1 }
                    if expansion.substrings.contains(token) { return 2 }
                    if expansion.typos.contains(token) { return 3 }
                    return nil
                }
                guard let best = levels.min() else { return nil }
                worst = max(worst, best)
            }
            return worst
        }
        return samples.filter { level([$0.title, $0.creator, $0.description]) != nil }
            .sorted { a, b in
                let (la, lb) = (level([a.title, a.creator, a.description]) ?? 9, level([b.title, b.creator, b.description]) ?? 9)
                if la != lb { return la < lb }
                let (ta, tb) = (level([a.title]) != nil, level([b.title]) != nil)
                if ta != tb { return ta }
                let (ca, cb) = (level([a.creator]) != nil, level([b.creator]) != nil)
                if ca != cb { return ca }
                return a.createdAt > b.createdAt
            }
            .map(\.id)
    }

    /// Adds a completed sample (or one in `status`) made `age` seconds ago.
    static func insert(_ title: String, creator: String = "someone", description: String = "", bpm: Double = 120,
                       key: String = "8A", status: SampleStatus = .completed, age: Double, into library: Library) async throws {
        let parsed = try #require(MusicalKey(parsing: key))
        let now = Date().timeIntervalSince1970 - age
        let id = UUID()
        try await library.database.sql.raw("""
            INSERT INTO samples (id, status, source_url, canonical_url, platform, title, description, creator, \
            duration_s, bpm, bpm_confidence, key, scale, key_confidence, camelot, download_count, created_at, updated_at) VALUES \
            (\(bind: id), \(bind: status.rawValue), \(bind: "https://example.com/\(id)"), \(bind: "https://example.com/\(id)"), 'http', \
            \(bind: title), \(bind: description), \(bind: creator), 10.0, \(bind: bpm), 0.9, \(bind: parsed.tonic.name), \
            \(bind: parsed.scale.rawValue), 0.8, \(bind: parsed.camelot), 0, \(bind: now), \(bind: now))
            """).run()
    }

    /// The titles a search answers, in order.
    static func titles(_ query: SampleQuery, in library: Library) async throws -> [String] {
        try await library.samples.list(query).items.compactMap(\.title)
    }

    @Test("parts of words and typos: ells finds trap-bells, hose finds house; whole words, then prefixes, parts, typos",
          arguments: DatabaseEngine.tested)
    func partsAndTypos(engine: DatabaseEngine) async throws {
        let t = try await TestLibrary(engine: engine)
        let rows = ["ball bounce", "cowbell groove", "bells loop", "bell hit", "trap-bells", "deep house", "kick drum"]
        for (age, title) in rows.enumerated() { try await Self.insert(title, age: Double(age), into: t.library) }
        #expect(try await Self.titles(SampleQuery(search: "ells"), in: t.library) == ["bells loop", "trap-bells"])
        #expect(try await Self.titles(SampleQuery(search: "hose"), in: t.library) == ["deep house"])
        #expect(try await Self.titles(SampleQuery(search: "Hóuse"), in: t.library) == ["deep house"])
        // Ranked: the whole word, then prefixes (newest first), then a part, then a typo.
        #expect(try await Self.titles(SampleQuery(search: "bell"), in: t.library)
                == ["bell hit", "bells loop", "trap-bells", "cowbell groove", "ball bounce"])
        // Every word must match; the worse of the two decides the place.
        #expect(try await Self.titles(SampleQuery(search: "bell hit"), in: t.library) == ["bell hit"])
        #expect(try await Self.titles(SampleQuery(search: "trap bels"), in: t.library) == ["trap-bells"])
        // Short words match whole or as a prefix only; numbers never by typo.
        #expect(try await Self.titles(SampleQuery(search: "el"), in: t.library) == [])
        #expect(try await Self.titles(SampleQuery(search: "kcik"), in: t.library) == ["kick drum"])
        #expect(try await t.library.samples.list(SampleQuery(search: "hose")).total == 1)
    }

    @Test("field syntax beside the words narrows as the filters do: bpm, key, camelot, mix, scale, status, half and double time",
          arguments: DatabaseEngine.tested)
    func fieldSyntax(engine: DatabaseEngine) async throws {
        let t = try await TestLibrary(engine: engine)
        try await Self.insert("kick one", bpm: 100, key: "Am", age: 1, into: t.library)
        try await Self.insert("kick two", bpm: 140, key: "Am", age: 2, into: t.library)
        try await Self.insert("kick three", bpm: 50, key: "C", age: 3, into: t.library)
        try await Self.insert("kick four", bpm: 200, key: "Em", status: .failed, age: 4, into: t.library)
        try await Self.insert("snare five", bpm: 105, key: "Am", status: .failed, age: 5, into: t.library)
        func titles(_ search: String, _ query: SampleQuery = SampleQuery()) async throws -> [String] {
            var query = query
            query.search = search
            return try await Self.titles(query, in: t.library)
        }
        #expect(try await titles("bpm:90-110 key:Am") == ["kick one", "snare five"])
        #expect(try await titles("kick bpm:90-110 key:Am") == ["kick one"])
        #expect(try await titles("BPM:90-110 camelot:8A status:failed") == ["snare five"])
        #expect(try await titles("bpm:100") == ["kick one"])
        #expect(try await titles("kick bpm:>130") == ["kick two", "kick four"])
        #expect(try await titles("kick bpm:<=100") == ["kick one", "kick three"])
        #expect(try await titles("kick bpm:~90-110") == ["kick one", "kick three", "kick four"])
        #expect(try await titles("kick", SampleQuery(bpmMin: 90, bpmMax: 110, bpmHalfDouble: true)) == ["kick one", "kick three", "kick four"])
        #expect(try await titles("mix:8A kick") == ["kick one", "kick two", "kick three", "kick four"])
        #expect(try await titles("scale:major") == ["kick three"])
        #expect(try await titles("status:ready snare") == [])
        // The fields narrow the query's own filters: both must hold.
        #expect(try await titles("key:Am", SampleQuery(key: MusicalKey(parsing: "C"))) == [])
        #expect(try await titles("bpm:90-150", SampleQuery(bpmMin: 120)) == ["kick two"])
        // A field being typed filters nothing; an unknown field is words.
        #expect(try await titles("kick bpm:") == ["kick one", "kick two", "kick three", "kick four"])
        #expect(try await titles("kick key:H") == ["kick one", "kick two", "kick three", "kick four"])
        #expect(try await titles("snare:five") == ["snare five"])
        // Fields alone: newest first, and the total counts them.
        #expect(try await t.library.samples.list(SampleQuery(search: "status:failed")).total == 2)
    }

    @Test("sort by key goes around the circle of fifths from C, by camelot 1A…12B; reverse=true turns either around, keyless last; bare 124 and Am search",
          arguments: DatabaseEngine.tested)
    func keySorts(engine: DatabaseEngine) async throws {
        let t = try await TestLibrary(engine: engine)
        for (index, key) in ["Bbm", "G", "C", "Am", "F#", "Eb"].enumerated() {
            try await Self.insert(key, bpm: 100 + Double(index) * 10, key: key, age: Double(index), into: t.library)
        }
        #expect(try await Self.titles(SampleQuery(sort: .key), in: t.library) == ["C", "G", "Am", "F#", "Eb", "Bbm"])
        #expect(try await Self.titles(SampleQuery(sort: .camelot), in: t.library) == ["F#", "Bbm", "Eb", "Am", "C", "G"])
        #expect(try await Self.titles(SampleQuery(sort: .camelot, reverse: true), in: t.library) == ["G", "C", "Am", "Eb", "Bbm", "F#"])
        #expect(try await Self.titles(SampleQuery(sort: .bpm, reverse: true), in: t.library) == ["Eb", "F#", "Am", "C", "G", "Bbm"])
        #expect(try await Self.titles(SampleQuery(search: "122"), in: t.library) == ["C"])
        #expect(try await Self.titles(SampleQuery(search: "Bbm"), in: t.library) == ["Bbm"])
    }

    @Test("search over 300 rows: matches, relevance order and totals as worked out from the rows",
          arguments: DatabaseEngine.tested)
    func prefixSearch(engine: DatabaseEngine) async throws {
        let t = try await TestLibrary(engine: engine)
        try await LibraryBenchmark.insertSynthetic(300, into: t.library)
        var all: [Sample] = []
        for page in 1...2 { all += try await t.library.samples.list(SampleQuery(page: page, limit: 200)).items }
        #expect(all.count == 300)
        for query in ["kic", "snare loop", "creator1", "pack take 12", "808", "ta", "Kick, LOOP!", "zzz", "take 299", "a", "snar", "lopo", "nare", "creatro1"] {
            let answer = try await t.library.samples.list(SampleQuery(search: query, limit: 200))
            let expected = Self.expected(query, in: all)
            #expect(answer.total == expected.count, "\(query)")
            #expect(answer.items.map(\.id) == Array(expected.prefix(200)), "\(query)")
        }
    }

    @Test("relevance pages on a library larger than the walked window: the same rows, order and total as one statement ranking every match",
          arguments: DatabaseEngine.tested)
    func tiersAnswerAsOneStatement(engine: DatabaseEngine) async throws {
        let t = try await TestLibrary(engine: engine)
        try await LibraryBenchmark.insertSynthetic(2_600, into: t.library)
        let database = t.library.database
        // Columns the synthetic rows leave empty, filled on some (read back by both decodings below).
        try await database.sql.raw("""
            UPDATE samples SET bpm_override = 99.5, key_override = 'A', scale_override = 'minor', camelot_override = '8A', \
            like_count = 7, comment_count = 3, share_count = 1, creator_platform = 'tiktok', creator_name = 'Kick Crew', \
            creator_followers = 1200, creator_avatar = 'https://example.com/a.jpg', creator_id = \(bind: UUID()), \
            video_id = 'v1', cover_url = 'https://example.com/c.jpg', key_alternative = 'C major', error_code = 'x.y', \
            error_message = 'm', completed_at = created_at + 1 WHERE download_count % 7 = 0
            """).run()
        try await expectTiersAnswerAsOneStatement(t, texts: ["k", "c", "kic", "vocal c", "lofi p", "808 b", "ta", "creator1", "snar", "lopo",
                                                            "kcik", "pack take 12", "amen break", "bass", "zzz", "kick bpm:90-110"])
    }

    @Test("relevance pages when the newest samples' rowids are scattered and samples added at the same moment straddle the walked window's edge",
          arguments: DatabaseEngine.tested)
    func tiersAnswerAsOneStatementOnScatteredRows(engine: DatabaseEngine) async throws {
        let t = try await TestLibrary(engine: engine)
        try await LibraryBenchmark.insertSynthetic(2_600, into: t.library)
        // Times in no rowid order, four samples to a time: the window's rows are spread over the
        // rowids, and its oldest time (the 2,000th sample's) is shared with samples past it.
        try await t.library.database.sql.raw("""
            UPDATE samples SET created_at = 1000 + ((download_count * 7919 + CAST(view_count AS INTEGER)) % 650)
            """).run()
        try await expectTiersAnswerAsOneStatement(t, texts: ["k", "c", "vocal c", "808 b", "kcik", "amen break", "zzz"])
    }

    /// Checks that `list` answers each search of `texts` (and a few with filters), at several
    /// pages, as the single statement that ranks every match does: rows, order, total, decoding.
    private func expectTiersAnswerAsOneStatement(_ t: TestLibrary, texts: [String]) async throws {
        let database = t.library.database
        let vocabulary = try await t.library.samples.readVocabulary()
        var queries: [SampleQuery] = []
        for text in texts {
            for (page, limit) in [(1, 50), (2, 50), (9, 50), (1, 200), (3, 200), (14, 200)] {
                queries.append(SampleQuery(search: text, page: page, limit: limit))
            }
        }
        queries.append(SampleQuery(search: "loop", bpmMin: 100, bpmMax: 120, limit: 30))
        queries.append(SampleQuery(search: "s", status: .completed, page: 4, limit: 100))
        for query in queries {
            let answer = try await t.library.samples.list(query)
            let search = SampleSearch(dialect: database.dialect, query: query, vocabulary: vocabulary)
            let rows = try await database.sql.raw(search.page).all()
            let counted = try await database.sql.raw(search.count).first()?.decode(column: "n", as: Int.self) ?? 0
            let total = try rows.first?.decode(column: "total_count", as: Int.self) ?? counted
            let label = "\(query.search ?? "") page \(query.page) of \(query.limit)"
            #expect(answer.items.map(\.id) == (try rows.map { try $0.decode(column: "id", as: UUID.self) }), "\(label)")
            #expect(answer.total == total, "\(label)")
            // The rows decoded column by column are the samples Fluent's model decoding gives.
            #expect(try rows.map { try SampleModel(row: $0).sample() } == rows.map { try $0.decode(fluentModel: SampleModel.self).sample() },
                    "\(label)")
        }
    }

    @Test("a status filter on processing takes the samples waiting for a worker too (the app's \"working\")",
          arguments: DatabaseEngine.tested)
    func workingTakesPending(engine: DatabaseEngine) async throws {
        let t = try await TestLibrary(engine: engine)
        try await LibraryBenchmark.insertSynthetic(6, into: t.library)
        let all = try await t.library.samples.list(SampleQuery(sort: .oldest, limit: 200)).items
        let (pending, processing, failed) = (all[0].id, all[1].id, all[2].id)
        try await t.library.parts.db.transaction { db in
            guard let sql = db as? any SQLDatabase else { return }
            for (id, status) in [(pending, "pending"), (processing, "processing"), (failed, "failed")] {
                try await sql.raw("UPDATE samples SET status = \(bind: status) WHERE id = \(bind: id)").run()
            }
        }
        let working = try await t.library.samples.list(SampleQuery(status: .processing, limit: 200))
        #expect(Set(working.items.map(\.id)) == [pending, processing] && working.total == 2)
        #expect(try await t.library.samples.list(SampleQuery(status: .pending, limit: 200)).items.map(\.id) == [pending])
        #expect(try await t.library.samples.list(SampleQuery(status: .failed, limit: 200)).items.map(\.id) == [failed])
        #expect(try await t.library.samples.list(SampleQuery(status: .completed, limit: 200)).total == 3)
    }

    @Test("pages without the count: the same rows, their total exact short of a full page and one more than the rows so far when full; count(_:) matches",
          arguments: DatabaseEngine.tested)
    func uncountedPages(engine: DatabaseEngine) async throws {
        let t = try await TestLibrary(engine: engine)
        try await LibraryBenchmark.insertSynthetic(450, into: t.library)
        for search in [nil, "kick", "loop", "l", "amen bre", "bpm:90-130 kick"] as [String?] {
            for page in 1...3 {
                let counted = try await t.library.samples.list(SampleQuery(search: search, page: page, limit: 200))
                let fast = try await t.library.samples.list(SampleQuery(search: search, page: page, limit: 200, counted: false))
                #expect(fast.items.map(\.id) == counted.items.map(\.id), "\(search ?? "all") page \(page)")
                let end = (page - 1) * 200 + fast.items.count
                let expected = fast.items.count == 200 ? end + 1 : counted.total
                #expect(fast.total == expected, "\(search ?? "all") page \(page): \(fast.total) against \(counted.total)")
                #expect(try await t.library.samples.count(SampleQuery(search: search, page: page, counted: false)) == counted.total)
            }
        }
    }

    @Test("a search asked for by a task already cancelled (a newer key of the same search) is not run")
    func supersededSearchIsNotRun() async throws {
        let t = try await TestLibrary()
        try await LibraryBenchmark.insertSynthetic(20, into: t.library)
        let library = t.library
        let outcome = await Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await library.samples.list(SampleQuery(search: "kick"))
        }.result
        #expect(throws: CancellationError.self) { try outcome.get() }
        // The same search from a live task answers.
        #expect(try await library.samples.list(SampleQuery(search: "kick")).total > 0)
    }
}
