import Engine
import Foundation
import Model
import ServiceLifecycle

/// The pipeline workers as a service of the server. At graceful shutdown they stop claiming
/// jobs and finish the ones they run, for at most `drainTimeout`; then they are stopped, and
/// the leases of this process are handed back so that another process resumes those jobs from
/// their last checkpoint at once.
struct WorkerService: Service {
    let library: Library
    let workers: Int
    let drainTimeout: Duration

    func run() async throws {
        let stopping = Locked(false)
        let runner = JobRunner(library: library)
        let (workers, drainTimeout) = (self.workers, self.drainTimeout)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await runner.run(workers: workers, stopClaiming: { stopping.withLock { $0 } },
                                     shouldStop: { stopping.withLock { $0 } })
            }
            group.addTask {
                try await gracefulShutdown()
                stopping.withLock { $0 = true }
                try await Task.sleep(for: drainTimeout)
            }
            _ = try await group.next()
            group.cancelAll()
        }
        try? await library.releaseLeases()
    }
}
