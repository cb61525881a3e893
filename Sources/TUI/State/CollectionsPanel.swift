import Foundation
import Model

/// `c`: the user's collections (batches of URLs or a creator's posts) over the app, with their
/// progress, refreshed while it is open; Enter shows the items of the one under the cursor.
public struct CollectionsPanel: Sendable, Equatable {
    /// The collections, newest first; nil until the first answer.
    public var collections: [SampleCollection]?
    /// The row under the cursor.
    public var cursor = 0
    /// The collection whose items are shown, with them.
    public var expanded: SampleCollection?
    /// Why the last load failed.
    public var error: String?
    /// When the collections were last asked for.
    public var loadedAt: Double

    /// How often an open panel asks again, in seconds.
    static let refreshInterval = 2.0

    /// The collection under the cursor.
    public var selected: SampleCollection? {
        guard let collections, collections.indices.contains(cursor) else { return nil }
        return collections[cursor]
    }

    /// Takes a new list, keeping the cursor on the same collection when it is still there.
    mutating func update(_ list: [SampleCollection]) {
        let id = selected?.id
        collections = list
        cursor = id.flatMap { id in list.firstIndex { $0.id == id } } ?? min(cursor, max(0, list.count - 1))
        error = nil
    }
}
