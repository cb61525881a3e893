import Model

/// The similarity index last built, with what it was built from: the change stamp (any write
/// to the library moves it) and the samples' signature (how many completed samples have a
/// descriptor, and their latest `updated_at`). A search checks the stamp; when it moved, the
/// signature; only when that moved too (a sample added, deleted, backfilled or given another
/// tempo or key) is the index built again.
final class SimilarityIndexCache: Sendable {
    /// What an index was built from.
    struct Signature: Hashable, Sendable {
        var count: Int
        var latest: Double
    }

    private let entry = Locked<(stamp: LibraryStamp, signature: Signature, index: SimilarityIndex)?>(nil)

    /// The index built at `stamp`, or nil.
    func index(at stamp: LibraryStamp) -> SimilarityIndex? {
        entry.withLock { $0?.stamp == stamp ? $0?.index : nil }
    }

    /// The index built from `signature`, now known to be current at `stamp`; nil when the
    /// samples changed since.
    func index(for signature: Signature, at stamp: LibraryStamp) -> SimilarityIndex? {
        entry.withLock { entry in
            guard let known = entry, known.signature == signature else { return nil }
            entry = (stamp, signature, known.index)
            return known.index
        }
    }

    /// Keeps `index`, built from `signature` at `stamp`.
    func keep(_ index: SimilarityIndex, signature: Signature, at stamp: LibraryStamp) {
        entry.withLock { $0 = (stamp, signature, index) }
    }
}
