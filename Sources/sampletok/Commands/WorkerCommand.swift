import ArgumentParser
import Engine
import Foundation

/// `sampletok worker`: runs queued pipeline jobs.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run the pipeline workers on queued jobs.",
        discussion: """
            `submit` starts one of these in the background with --exit-when-idle. Only one worker process \
            runs per library at a time; others wait for it.
            """)

    @OptionGroup var library: LibraryOptions

    @Flag(help: "Exit once no job is queued, running or waiting to retry.")
    var exitWhenIdle = false

    func run() async throws {
        let configuration = library.configuration
        try FileManager.default.createDirectory(at: configuration.home, withIntermediateDirectories: true)
        let lock = open(configuration.home.appendingPathComponent("worker.lock").path, O_CREAT | O_RDWR, 0o644)
        guard lock >= 0 else { throw ValidationError("Cannot open the worker lock in \(configuration.home.path).") }
        defer { close(lock) }
        _ = flock(lock, LOCK_EX)
        let exitWhenIdle = self.exitWhenIdle
        try await LibrarySession.run(library, demo: false) { library in
            try await JobRunner(library: library).run(workers: configuration.workers) {
                guard exitWhenIdle else { return false }
                return (try? await library.jobs.hasPending()) == false
            }
        }
    }
}
