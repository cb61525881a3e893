import Engine
import Hummingbird
import Model

/// Encoded answers of read-only routes (the sample list), kept while the library does not
/// change: each entry holds the `LibraryStamp` it was made under and is used only while the
/// library's stamp is the same, so a write by this process or another one is seen by the next
/// request. At most `capacity` entries; when full, it starts again empty.
///
/// Requests for the same key under the same stamp that arrive while its answer is being made
/// wait for that one answer instead of each running the query: 64 clients asking for the same
/// slow search at once cost one query, not 64 queued on the database.
final class ResponseCache<Key: Hashable & Sendable>: Sendable {
    private struct Entry {
        var stamp: LibraryStamp
        var body: ByteBuffer
    }

    private struct Flight: Hashable {
        var key: Key
        var stamp: LibraryStamp
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var flights: [Flight: Task<ByteBuffer, any Error>] = [:]
    }

    private enum Lookup {
        case stored(ByteBuffer)
        case making(Task<ByteBuffer, any Error>)
    }

    private let state = Locked(State())
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    /// The body for `key` under `stamp`: the stored one, the one being made by another request,
    /// or the one `make` makes now (stored for the next requests).
    func body(for key: Key, at stamp: LibraryStamp, make: @escaping @Sendable () async throws -> ByteBuffer) async throws -> ByteBuffer {
        let flight = Flight(key: key, stamp: stamp)
        let found = state.withLock { current -> Lookup in
            if let entry = current.entries[key], entry.stamp == stamp { return .stored(entry.body) }
            if let running = current.flights[flight] { return .making(running) }
            let task = Task { [self] in
                defer { state.withLock { _ = $0.flights.removeValue(forKey: flight) } }
                let body = try await make()
                store(body, for: key, at: stamp)
                return body
            }
            current.flights[flight] = task
            return .making(task)
        }
        switch found {
        case .stored(let body): return body
        case .making(let task): return try await task.value
        }
    }

    /// Stores `body` for `key` as made under `stamp`.
    private func store(_ body: ByteBuffer, for key: Key, at stamp: LibraryStamp) {
        guard capacity > 0 else { return }
        state.withLock { state in
            if state.entries.count >= capacity, state.entries[key] == nil { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = Entry(stamp: stamp, body: body)
        }
    }
}
