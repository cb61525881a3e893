import Engine
import Hummingbird
import Model

/// Small stored files (HLS segments, playlists, peaks, waveforms) kept in memory with their
/// content type, so a popular one is answered without opening it. An entry is used only while
/// the file's inode, size and modification time are what they were when it was read (the route
/// stats the file on every request anyway, for its ETag), so a replaced or deleted file is
/// never served from here. Files over `maxFileBytes` are not kept; when the total would pass
/// `capacityBytes`, it starts again empty.
final class FileCache: Sendable {
    /// One file as read.
    struct Entry: Sendable {
        var status: FileStatus
        var contentType: String
        var body: ByteBuffer
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var bytes = 0
    }

    private let state = Locked(State())
    /// The most bytes kept in all (0: no cache).
    let capacityBytes: Int
    /// The largest file kept.
    let maxFileBytes: Int

    init(capacityBytes: Int, maxFileBytes: Int = 1 << 20) {
        self.capacityBytes = max(0, capacityBytes)
        self.maxFileBytes = min(maxFileBytes, self.capacityBytes)
    }

    /// Whether a file of `status` would be kept.
    func accepts(_ status: FileStatus) -> Bool { status.size <= maxFileBytes }

    /// The entry for `path` if the file is still as it was read.
    func entry(for path: String, status: FileStatus) -> Entry? {
        state.withLock { state in
            guard let entry = state.entries[path], entry.status == status else { return nil }
            return entry
        }
    }

    /// Keeps `entry` for `path`.
    func store(_ entry: Entry, for path: String) {
        guard entry.body.readableBytes <= maxFileBytes else { return }
        state.withLock { state in
            if let old = state.entries[path] { state.bytes -= old.body.readableBytes }
            if state.bytes + entry.body.readableBytes > capacityBytes {
                state.entries.removeAll(keepingCapacity: true)
                state.bytes = 0
            }
            state.entries[path] = entry
            state.bytes += entry.body.readableBytes
        }
    }
}
