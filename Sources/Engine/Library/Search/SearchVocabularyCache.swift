import Foundation
import Model

/// The search vocabulary last read, with the stamp it was read at (`Stamp`): read again only
/// when the index's words may have changed. A read under way is shared: a search that needs the words
/// while the app's warm-up (`SampleService.prepareSearch`) still reads them waits for that read
/// instead of starting another on the same connection.
final class SearchVocabularyCache: Sendable {
    /// When the vocabulary was read: the search index's own stamp (`SQLDialect.searchIndexStamp`),
    /// else the library's change stamp.
    enum Stamp: Hashable, Sendable {
        case index(Data)
        case library(LibraryStamp)
    }

    private struct Entry {
        let stamp: Stamp
        let read: Task<SearchVocabulary, any Error>
    }

    private let entry = Locked<Entry?>(nil)
    private let readsStarted = Locked(0)

    /// How many reads were started (each stamp's first call, and each after a failed read).
    var reads: Int { readsStarted.withLock { $0 } }

    /// The vocabulary at `stamp`: the one kept, the read of it under way, or a new read (`read`).
    /// A read that fails is forgotten, so the next call tries again.
    func vocabulary(at stamp: Stamp,
                    read: @escaping @Sendable () async throws -> SearchVocabulary) async throws -> SearchVocabulary {
        let task = entry.withLock { entry -> Task<SearchVocabulary, any Error> in
            if let entry, entry.stamp == stamp { return entry.read }
            let task = Task { try await read() }
            entry = Entry(stamp: stamp, read: task)
            readsStarted.withLock { $0 += 1 }
            return task
        }
        do {
            return try await task.value
        } catch {
            entry.withLock { if $0?.read == task { $0 = nil } }
            throw error
        }
    }
}
