import Model

/// The search vocabulary last read, with the change stamp it was read at: read again only when
/// the library may have changed. A read under way is shared: a search that needs the words
/// while the app's warm-up (`SampleService.prepareSearch`) still reads them waits for that read
/// instead of starting another on the same connection.
final class SearchVocabularyCache: Sendable {
    private struct Entry {
        let stamp: LibraryStamp
        let read: Task<SearchVocabulary, any Error>
    }

    private let entry = Locked<Entry?>(nil)

    /// The vocabulary at `stamp`: the one kept, the read of it under way, or a new read (`read`).
    /// A read that fails is forgotten, so the next call tries again.
    func vocabulary(at stamp: LibraryStamp,
                    read: @escaping @Sendable () async throws -> SearchVocabulary) async throws -> SearchVocabulary {
        let task = entry.withLock { entry -> Task<SearchVocabulary, any Error> in
            if let entry, entry.stamp == stamp { return entry.read }
            let task = Task { try await read() }
            entry = Entry(stamp: stamp, read: task)
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
