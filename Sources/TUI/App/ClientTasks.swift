import Foundation
import Model

/// The client's work in flight for the app loop. A page load for a newer query cancels the
/// loads of older ones still running (each key of a search starts a query: the rows of a text
/// already typed over are never shown, so they need not be read). Finished tasks are let go.
final class ClientTasks: Sendable {
    private struct Running {
        let task: Task<Void, Never>
        /// The query generation of a page load; nil for other work.
        let generation: Int?
    }

    private let running = Locked([UUID: Running]())

    /// Starts `work`; a page load of `generation` first cancels the page loads of older generations.
    func start(generation: Int? = nil, _ work: @escaping @Sendable () async -> Void) {
        let id = UUID()
        running.withLock { running in
            if let generation {
                for older in running.values where (older.generation ?? .max) < generation { older.task.cancel() }
            }
            // Inserted under the lock the task takes to remove itself: it cannot finish first.
            let task = Task.detached { [weak self] in
                await work()
                self?.running.withLock { _ = $0.removeValue(forKey: id) }
            }
            running[id] = Running(task: task, generation: generation)
        }
    }

    /// Cancels everything still running (the app is leaving).
    func cancelAll() {
        running.withLock { running in
            for item in running.values { item.task.cancel() }
        }
    }

    /// How many tasks are still running.
    var count: Int { running.withLock { $0.count } }
}
