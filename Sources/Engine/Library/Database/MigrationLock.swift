import Foundation
import Model

/// Serialises the migration run of processes that open one library at the same moment (a
/// service manager starting several `--serve`, a CLI command beside them): an exclusive
/// `flock(2)` on `<database>.migrate-lock` beside the SQLite file. The others wait for it, then
/// find the migrations applied. A PostgreSQL library takes an advisory lock instead
/// (`LibraryDatabase.migrateHoldingAdvisoryLock`), waiting as long.
public struct MigrationLock: Sendable {
    /// How long a process waits for another one's migration run before giving up.
    public static let defaultWait: Duration = .seconds(60)

    /// The lock file.
    let path: String
    /// How long to wait for another process's migration run.
    let timeout: Duration

    /// The lock for the SQLite database at `databasePath`.
    init(databasePath: String, timeout: Duration = defaultWait) {
        path = databasePath + ".migrate-lock"
        self.timeout = timeout
    }

    /// Runs `body` holding the lock (released when it returns or throws, or when the process dies).
    ///
    /// - Throws: `library.migration_timeout` when another process held it for all of `timeout`.
    func withLock<T>(_ body: () async throws -> T) async throws -> T {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SampleTokError(.libraryFailed, "Cannot open the migration lock \(path) (errno \(errno)). Check the library folder's permissions.")
        }
        defer { close(descriptor) }
        let deadline = ContinuousClock.now + timeout
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw SampleTokError(.libraryFailed, "Cannot lock \(path) (errno \(errno)).")
            }
            guard ContinuousClock.now < deadline else {
                throw SampleTokError(.libraryMigrationTimeout, "Another sampletok process has been migrating this library for over \(timeout) "
                                         + "(it holds \(path)). Wait for it to finish, or stop it, and start again.")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try await body()
    }
}
