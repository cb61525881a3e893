import FluentKit
import FluentSQLiteDriver
import Foundation
import Logging
import Model
import NIOCore
import NIOPosix
import SQLKit

/// The library's database through Fluent, with the versioned migrations applied at start-up:
/// SQLite in `$SAMPLETOK_HOME` (WAL mode), or PostgreSQL when `DATABASE_URL` names one
/// (`LibraryDatabase+Postgres.swift`).
public final class LibraryDatabase: Sendable {
    private let databases: Databases
    private let logger: Logger
    /// The database handle for queries: one connection for SQLite, so its single writer is never
    /// contended inside one process and a transaction sees its own writes; a pool for PostgreSQL.
    public let db: any Database
    /// The same handle as SQLKit, for the statements in `SQLDialect`.
    let sql: any SQLDatabase
    /// The dialect of this database.
    let dialect: SQLDialect
    /// Seconds a SQLite statement waits for another process's lock (`PRAGMA busy_timeout`).
    let busyTimeout: Double

    /// Opens the database `configuration` names: PostgreSQL at `databaseURL` when set, else
    /// SQLite in the library folder.
    public static func open(_ configuration: EngineConfiguration) async throws -> LibraryDatabase {
        if let url = configuration.databaseURL { return try await open(postgresURL: url) }
        return try await open(sqlitePath: configuration.databasePath, busyTimeout: configuration.busyTimeout)
    }

    /// Opens (creating if needed) the SQLite database at `path` and migrates it. A statement
    /// waits up to `busyTimeout` seconds for another process's lock, then throws `library.busy`.
    public static func open(sqlitePath path: String, busyTimeout: Double = 5) async throws -> LibraryDatabase {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        databases.use(.sqlite(.file(path), sqlLogLevel: nil), as: .sqlite)
        return try await start(databases, describing: path, fileLock: MigrationLock(databasePath: path), busyTimeout: busyTimeout)
    }

    /// Connects to the default database of `databases` and migrates it, holding `fileLock` if
    /// given (SQLite; PostgreSQL migrates under an advisory lock instead).
    static func start(_ databases: Databases, describing name: String, fileLock: MigrationLock? = nil,
                      migrationWait: Duration = MigrationLock.defaultWait, busyTimeout: Double = 0) async throws -> LibraryDatabase {
        var logger = Logger(label: "sampletok.db")
        logger.logLevel = .warning
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        guard let db = databases.database(logger: logger, on: loop), let sql = db as? any SQLDatabase else {
            await databases.shutdownAsync()
            throw DatabaseError.unavailable(name)
        }
        let library = LibraryDatabase(databases: databases, logger: logger, db: db, sql: sql, busyTimeout: busyTimeout)
        do {
            if let fileLock {
                try await fileLock.withLock { try await library.prepare(migrationWait: fileLock.timeout) }
            } else {
                try await library.prepare(migrationWait: migrationWait)
            }
        } catch {
            await databases.shutdownAsync()
            throw error
        }
        return library
    }

    private init(databases: Databases, logger: Logger, db: any Database, sql: any SQLDatabase, busyTimeout: Double) {
        self.databases = databases
        self.busyTimeout = busyTimeout
        self.logger = logger
        self.db = db
        self.sql = sql
        self.dialect = SQLDialect(sql)
    }

    /// Closes every connection.
    public func close() async {
        await databases.shutdownAsync()
    }

    /// The migrations, in order.
    static let migrations: [any Migration] = [
        CreateSamples(), CreateJobs(), CreateSampleDownloads(), CreateSampleSearch(), CreateUsers(), CreateCreditLedger(),
        AllowJobsWithoutSample(), CreateInstagramEngagements(), CreateCollections(), CreateCreators(), CreateStems(), AddJobOwner(),
        CreateProgressEvents(), CreateSearchTerms(), AddKeyAlternative(), AddCollectionItemCredits(), AddBeatGrid(), CreateCrates(), AddSoundDescriptor(),
    ]

    /// Applies the migrations that have not run, and checks the library is not from a newer
    /// SampleTok. Runs under `MigrationLock`: one process at a time. Every statement in them is
    /// idempotent (`IF NOT EXISTS`, `ignoreExisting`): a process killed between a migration's
    /// statements and its record in `_fluent_migrations` leaves a library that the next open
    /// migrates again safely.
    ///
    /// The SQLite handle `db` rides on one pool with one connection that lives until `close()`
    /// (no idle pruning), so the connection setup run here is the setup of every connection.
    private func prepare(migrationWait: Duration) async throws {
        do {
            for statement in dialect.connectionSetup(busyTimeout: busyTimeout) {
                try await sql.raw(SQLQueryString(statement)).run()
            }
        } catch {
            throw SampleTokError.library(error) ?? error
        }
        let migrations = Migrations()
        migrations.add(Self.migrations)
        if dialect.engine == .postgres { return try await migrateHoldingAdvisoryLock(migrations, wait: migrationWait) }
        let migrator = Migrator(databases: databases, migrations: migrations, logger: logger, on: db.eventLoop)
        try await migrator.setupIfNeeded().get()
        try await refuseNewerSchema()
        try await migrator.prepareBatch().get()
    }

    /// Throws `library.schema_newer` when `_fluent_migrations` records a migration this build
    /// does not know: a newer SampleTok migrated the library, and this one could corrupt it.
    func refuseNewerSchema() async throws {
        struct Row: Decodable { let name: String }
        let applied = try await sql.raw("SELECT name FROM _fluent_migrations").all(decoding: Row.self).map(\.name)
        let known = Set(Self.migrations.map(\.name))
        let unknown = applied.filter { !known.contains($0) }
        guard unknown.isEmpty else {
            throw SampleTokError(.librarySchemaNewer, "The library was set up by a newer SampleTok (migrations this version does not know: "
                                     + "\(unknown.sorted().joined(separator: ", "))). Use that version or newer; this one will not "
                                     + "touch the library, so as not to damage it.")
        }
    }
}

/// The database could not be opened.
struct DatabaseError: Error, CustomStringConvertible {
    let description: String

    static func unavailable(_ name: String) -> DatabaseError {
        DatabaseError(description: "The library database at \(name) could not be opened.")
    }
}
