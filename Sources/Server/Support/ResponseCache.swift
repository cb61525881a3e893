import Engine
import Hummingbird
import Model

/// Encoded answers of read-only routes (the sample list), kept while the library does not
/// change: each entry holds the `LibraryStamp` it was made under and is used only while the
/// library's stamp is the same, so a write by this process or another one is seen by the next
/// request. At most `capacity` entries; when full, it starts again empty.
final class ResponseCache<Key: Hashable & Sendable>: Sendable {
    private struct Entry {
        var stamp: LibraryStamp
        var body: ByteBuffer
    }

    private let entries = Locked([Key: Entry]())
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    /// The body stored for `key` under `stamp`, if any.
    func body(for key: Key, at stamp: LibraryStamp) -> ByteBuffer? {
        entries.withLock { entries in
            guard let entry = entries[key], entry.stamp == stamp else { return nil }
            return entry.body
        }
    }

    /// Stores `body` for `key` as made under `stamp`.
    func store(_ body: ByteBuffer, for key: Key, at stamp: LibraryStamp) {
        guard capacity > 0 else { return }
        entries.withLock { entries in
            if entries.count >= capacity, entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(stamp: stamp, body: body)
        }
    }
}
