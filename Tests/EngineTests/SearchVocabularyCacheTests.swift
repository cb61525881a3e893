@testable import Engine
import Foundation
import Model
import Testing

/// The search vocabulary is read once per change of the library, and a read under way is
/// shared: the app's warm-up when the search line opens and the first word that needs the
/// words do not read them twice on the one connection.
@Suite("the search vocabulary: one read per change, shared while under way")
struct SearchVocabularyCacheTests {
    /// Counts the reads and holds each one until `open` is called.
    final class Reader: Sendable {
        let reads = Locked(0)
        private let started: AsyncStream<Void>
        private let startedContinuation: AsyncStream<Void>.Continuation
        private let gate = Locked<[CheckedContinuation<Void, Never>]>([])
        private let isOpen = Locked(false)

        init() {
            (started, startedContinuation) = AsyncStream.makeStream()
        }

        /// A read: counts itself, says it started, waits for `open`.
        func read(_ words: [String]) async throws -> SearchVocabulary {
            reads.withLock { $0 += 1 }
            startedContinuation.yield()
            await withCheckedContinuation { continuation in
                let wait = isOpen.withLock { open in
                    if !open { gate.withLock { $0.append(continuation) } }
                    return !open
                }
                if !wait { continuation.resume() }
            }
            return SearchVocabulary(words)
        }

        /// Waits until a read has started.
        func waitForRead() async {
            var iterator = started.makeAsyncIterator()
            _ = await iterator.next()
        }

        /// Lets every read, now and later, finish.
        func open() {
            isOpen.withLock { $0 = true }
            for continuation in gate.withLock({ gate in defer { gate = [] }; return gate }) { continuation.resume() }
        }
    }

    @Test("a search that needs the words while the warm-up reads them waits for that read instead of reading again")
    func sharedRead() async throws {
        let cache = SearchVocabularyCache()
        let reader = Reader()
        let stamp = SearchVocabularyCache.Stamp.library(LibraryStamp(changes: 1, version: 1))
        let warmUp = Task { try await cache.vocabulary(at: stamp) { try await reader.read(["house"]) } }
        await reader.waitForRead()
        let search = Task { try await cache.vocabulary(at: stamp) { try await reader.read(["other"]) } }
        reader.open()
        let (first, second) = (try await warmUp.value, try await search.value)
        #expect(reader.reads.withLock { $0 } == 1)
        #expect(first === second)
        #expect(second.expansion(of: "hose").typos == ["house"])
        // Kept: the next search at the same stamp reads nothing.
        _ = try await cache.vocabulary(at: stamp) { try await reader.read(["again"]) }
        #expect(reader.reads.withLock { $0 } == 1)
    }

    @Test("a change of the library reads the words again; a read that failed is tried again")
    func newStampAndFailure() async throws {
        let cache = SearchVocabularyCache()
        let reader = Reader()
        reader.open()
        struct Failed: Error {}
        let stamp = SearchVocabularyCache.Stamp.library(LibraryStamp(changes: 1, version: 1))
        await #expect(throws: Failed.self) {
            try await cache.vocabulary(at: stamp) { throw Failed() }
        }
        let read = try await cache.vocabulary(at: stamp) { try await reader.read(["house"]) }
        #expect(read.terms.count == 1 && reader.reads.withLock { $0 } == 1)
        let changed = try await cache.vocabulary(at: .library(LibraryStamp(changes: 2, version: 1))) { try await reader.read(["house", "bells"]) }
        #expect(changed.terms.count == 2 && reader.reads.withLock { $0 } == 2)
    }

    @Test("a write that leaves the search index alone (a download counted, a tempo set) does not read the words again; a new sample's title does")
    func onlyIndexWritesReadAgain() async throws {
        let t = try await TestLibrary(engine: .sqlite)
        try await SearchEngineTests.insert("deep house groove", age: 0, into: t.library)
        try await t.library.samples.prepareSearch()
        let reads = t.library.samples.searchVocabulary.reads
        let id = try #require(try await t.library.samples.list(SampleQuery(search: "hose")).items.first?.id)
        _ = try await t.library.samples.setOverrides(id, SampleOverrides(bpm: 98))
        try await t.library.database.sql.raw("UPDATE samples SET download_count = download_count + 1").run()
        #expect(try await t.library.samples.list(SampleQuery(search: "grove")).total == 1)
        #expect(t.library.samples.searchVocabulary.reads == reads)
        try await SearchEngineTests.insert("trap bells", age: 0, into: t.library)
        #expect(try await t.library.samples.list(SampleQuery(search: "bels")).items.map(\.title) == ["trap bells"])
        #expect(t.library.samples.searchVocabulary.reads == reads + 1)
    }

    @Test("the words read ahead (prepareSearch) do not hide a word added after: a typo of it finds it")
    func prepareSearchThenTypo() async throws {
        let t = try await TestLibrary()
        try await t.library.samples.prepareSearch()
        try await SearchEngineTests.insert("deep house groove", age: 0, into: t.library)
        #expect(try await t.library.samples.list(SampleQuery(search: "hose")).items.map(\.title) == ["deep house groove"])
        try await t.library.samples.prepareSearch()
        #expect(try await t.library.samples.list(SampleQuery(search: "grove")).items.map(\.title) == ["deep house groove"])
    }
}
