@testable import Engine
import Foundation
import Model
import SQLKit
import Testing
import TestSupport

@Suite("search: the same answers on every engine")
struct SearchEngineTests {
    /// The words of `text` as the index sees them: lower case, split at what is not a letter or digit.
    static func tokens(_ text: String?) -> [String] {
        (text ?? "").lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// What a search for `query` must answer, worked out from the rows themselves: every word a
    /// prefix of a word of the title, creator or description; title matches first, then creator
    /// matches, newest first within each.
    static func expected(_ query: String, in samples: [Sample]) -> [UUID] {
        let words = tokens(query)
        func holds(_ fields: [String?]) -> Bool {
            let have = fields.flatMap(tokens)
            return words.allSatisfy { word in have.contains { $0.hasPrefix(word) } }
        }
        return samples.filter { holds([$0.title, $0.creator, $0.description]) }
            .sorted { a, b in
                let (ta, tb) = (holds([a.title]), holds([b.title]))
                if ta != tb { return ta }
                let (ca, cb) = (holds([a.creator]), holds([b.creator]))
                if ca != cb { return ca }
                return a.createdAt > b.createdAt
            }
            .map(\.id)
    }

    @Test("prefix search over 300 rows: matches, relevance order and totals as worked out from the rows",
          arguments: DatabaseEngine.tested)
    func prefixSearch(engine: DatabaseEngine) async throws {
        let t = try await TestLibrary(engine: engine)
        try await LibraryBenchmark.insertSynthetic(300, into: t.library)
        var all: [Sample] = []
        for page in 1...2 { all += try await t.library.list(SampleQuery(page: page, limit: 200)).items }
        #expect(all.count == 300)
        for query in ["kic", "snare loop", "creator1", "pack take 12", "808", "ta", "Kick, LOOP!", "zzz", "take 299", "a"] {
            let answer = try await t.library.list(SampleQuery(search: query, limit: 200))
            let expected = Self.expected(query, in: all)
            #expect(answer.total == expected.count, "\(query)")
            #expect(answer.items.map(\.id) == Array(expected.prefix(200)), "\(query)")
        }
    }

    @Test("a status filter on processing takes the samples waiting for a worker too (the app's \"working\")",
          arguments: DatabaseEngine.tested)
    func workingTakesPending(engine: DatabaseEngine) async throws {
        let t = try await TestLibrary(engine: engine)
        try await LibraryBenchmark.insertSynthetic(6, into: t.library)
        let all = try await t.library.list(SampleQuery(sort: .oldest, limit: 200)).items
        let (pending, processing, failed) = (all[0].id, all[1].id, all[2].id)
        try await t.library.db.transaction { db in
            guard let sql = db as? any SQLDatabase else { return }
            for (id, status) in [(pending, "pending"), (processing, "processing"), (failed, "failed")] {
                try await sql.raw("UPDATE samples SET status = \(bind: status) WHERE id = \(bind: id)").run()
            }
        }
        let working = try await t.library.list(SampleQuery(status: .processing, limit: 200))
        #expect(Set(working.items.map(\.id)) == [pending, processing] && working.total == 2)
        #expect(try await t.library.list(SampleQuery(status: .pending, limit: 200)).items.map(\.id) == [pending])
        #expect(try await t.library.list(SampleQuery(status: .failed, limit: 200)).items.map(\.id) == [failed])
        #expect(try await t.library.list(SampleQuery(status: .completed, limit: 200)).total == 3)
    }
}
