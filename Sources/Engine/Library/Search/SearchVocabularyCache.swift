import Model

/// The search vocabulary last read, with the change stamp it was read at: read again only when
/// the library may have changed.
final class SearchVocabularyCache: Sendable {
    private let entry = Locked<(stamp: LibraryStamp, vocabulary: SearchVocabulary)?>(nil)

    /// The vocabulary read at `stamp`, or nil.
    func vocabulary(at stamp: LibraryStamp) -> SearchVocabulary? {
        entry.withLock { $0?.stamp == stamp ? $0?.vocabulary : nil }
    }

    /// Keeps `vocabulary`, read at `stamp`.
    func keep(_ vocabulary: SearchVocabulary, at stamp: LibraryStamp) {
        entry.withLock { $0 = (stamp, vocabulary) }
    }
}
