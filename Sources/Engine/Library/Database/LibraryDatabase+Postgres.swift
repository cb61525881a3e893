import FluentKit
import FluentPostgresDriver
import Foundation
import Model
import NIOCore
import NIOPosix
import SQLKit

extension LibraryDatabase {
    /// Connections each event loop of this process may open to PostgreSQL.
    static let postgresConnectionsPerLoop = 8
    /// The key of the session advisory lock that serialises migrations between processes.
    static let migrationLockKey: Int64 = 0x5341_4D50_4C45_544B  // "SAMPLETK"

    /// Opens the PostgreSQL database `url` names (`DATABASE_URL`, see `PostgresURL`) and
    /// migrates it. `database.unreachable` when the server does not answer or refuses us;
    /// `library.migration_timeout` when another process's migration run holds the advisory
    /// lock for all of `migrationWait`.
    public static func open(postgresURL url: String, migrationWait: Duration = MigrationLock.defaultWait) async throws -> LibraryDatabase {
        let location = try PostgresURL(url)
        let configuration: SQLPostgresConfiguration
        do {
            configuration = try location.configuration()
        } catch {
            throw SampleTokError(.configInvalid, "DATABASE_URL: TLS could not be set up: \(error)")
        }
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: postgresConnectionsPerLoop,
                                connectionPoolTimeout: .seconds(30), encodingContext: .default, decodingContext: .default),
                      as: .psql)
        do {
            return try await start(databases, describing: location.redacted, migrationWait: migrationWait)
        } catch let error as SampleTokError {
            throw error
        } catch {
            throw SampleTokError(.databaseUnreachable, "Cannot use the PostgreSQL database \(location.redacted) (DATABASE_URL): \(String(reflecting: error))")
        }
    }

    /// Runs `migrations` on one connection that holds a session advisory lock for the whole
    /// run, so processes that start together migrate one after another (the second finds
    /// nothing left to do) instead of racing on the same `CREATE`s. A process waits at most
    /// `wait` for the lock, then throws `library.migration_timeout`.
    func migrateHoldingAdvisoryLock(_ migrations: Migrations, wait: Duration) async throws {
        try await db.withConnection { connection in
            guard let sql = connection as? any SQLDatabase else {
                throw SampleTokError(.databaseUnreachable, "The PostgreSQL connection does not speak SQL; cannot migrate.")
            }
            try await Self.takeAdvisoryLock(on: sql, waitingAtMost: wait)
            do {
                let migrator = Migrator(databaseFactory: { _ in connection }, migrations: migrations,
                                        on: connection.eventLoop, migrationLogLevel: .debug)
                try await migrator.setupIfNeeded().get()
                try await self.refuseNewerSchema()
                try await migrator.prepareBatch().get()
            } catch {
                try? await sql.raw("SELECT pg_advisory_unlock(\(bind: Self.migrationLockKey))").run()
                throw error
            }
            try await sql.raw("SELECT pg_advisory_unlock(\(bind: Self.migrationLockKey))").run()
        }
    }

    /// Takes the migration lock on `sql`'s session, trying again every 50 ms until `wait` has
    /// passed (`pg_advisory_lock` alone would wait for ever behind a hung process).
    private static func takeAdvisoryLock(on sql: any SQLDatabase, waitingAtMost wait: Duration) async throws {
        struct Row: Decodable { let locked: Bool }
        let deadline = ContinuousClock.now + wait
        while true {
            let row = try await sql.raw("SELECT pg_try_advisory_lock(\(bind: migrationLockKey)) AS locked").first(decoding: Row.self)
            if row?.locked == true { return }
            guard ContinuousClock.now < deadline else {
                throw SampleTokError(.libraryMigrationTimeout, "Another sampletok process has been migrating this database for over \(wait) "
                                         + "(it holds the advisory lock \(migrationLockKey)). Wait for it to finish, or stop it, and start again.")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
