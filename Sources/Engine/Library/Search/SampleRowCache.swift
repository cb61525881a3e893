import Foundation
import Model

/// Samples decoded from list rows, reused while the library does not change (same change
/// stamp): successive searches of search-as-you-type answer mostly the same rows, and decoding a
/// row into a `Sample` (through Fluent's model) costs more than finding it. At most `capacity`
/// samples; a new stamp, or a full cache, starts it again empty.
final class SampleRowCache: Sendable {
    private struct Entries {
        var stamp: LibraryStamp?
        var samples: [UUID: Sample] = [:]
    }

    private let entries = Locked(Entries())
    let capacity: Int

    init(capacity: Int = 4000) {
        self.capacity = capacity
    }

    /// The sample with `id` decoded under `stamp`, if any.
    func sample(_ id: UUID, at stamp: LibraryStamp) -> Sample? {
        entries.withLock { $0.stamp == stamp ? $0.samples[id] : nil }
    }

    /// Keeps `samples`, decoded under `stamp`.
    func keep(_ samples: [Sample], at stamp: LibraryStamp) {
        entries.withLock { entries in
            if entries.stamp != stamp || entries.samples.count + samples.count > capacity {
                entries = Entries(stamp: stamp)
            }
            for sample in samples { entries.samples[sample.id] = sample }
        }
    }
}
