@testable import Engine
import FluentKit
import Foundation
import Model
import SQLKit
import Testing
import TestSupport

@Suite("database: DATABASE_URL, migrations, change stamp")
struct DatabaseTests {
    @Test("DATABASE_URL forms: postgres, postgresql, the seed's postgresql+asyncpg, with sslmode")
    func urlForms() throws {
        let plain = try PostgresURL("postgres://ada:s%3Acret@db.example.com:6543/library?sslmode=disable")
        #expect(plain.host == "db.example.com" && plain.port == 6543 && plain.database == "library")
        #expect(plain.user == "ada" && plain.password == "s:cret" && plain.sslMode == .disable)
        #expect(!plain.redacted.contains("cret"), "the password is never shown")
        let seed = try PostgresURL("postgresql+asyncpg://app:pw@10.0.0.5/sampletok")
        #expect(seed.port == 5432 && seed.database == "sampletok" && seed.sslMode == .prefer)
        #expect(try PostgresURL("postgresql://u@h/d?sslmode=require").sslMode == .require)
        #expect(try PostgresURL("postgresql://u@h/d?ssl=true").sslMode == .require)
        #expect(try PostgresURL("postgresql://u@[::1]:5433/d?sslmode=verify-full").host == "::1")
        for bad in ["mysql://u@h/d", "postgres://u@h/", "postgres:///d", "postgres://u@h/d?sslmode=sometimes", "library.sqlite"] {
            #expect(throws: SampleTokError.self, "\(bad)") { try PostgresURL(bad) }
            var configuration = EngineConfiguration(environment: ["DATABASE_URL": bad])
            configuration.allowPrivateURLs = true
            #expect(configuration.configurationProblem?.code == "config.invalid", "\(bad)")
        }
        #expect(EngineConfiguration(environment: ["DATABASE_URL": " "]).databaseURL == nil, "empty means SQLite")
    }

    @Test("a PostgreSQL server that does not answer is database.unreachable, naming it without the password")
    func unreachable() async throws {
        let closedPort = 1  // nothing listens on tcpmux
        let error = await #expect(throws: SampleTokError.self) {
            _ = try await LibraryDatabase.open(postgresURL: "postgresql://ada:secret@127.0.0.1:\(closedPort)/lib?sslmode=disable")
        }
        #expect(error?.code == "database.unreachable")
        #expect(error?.message.contains("127.0.0.1:\(closedPort)/lib") == true)
        #expect(error?.message.contains("secret") == false)
    }

    @Test("opening a migrated library again migrates nothing and keeps its rows", arguments: DatabaseEngine.tested)
    func reopen(engine: DatabaseEngine) async throws {
        let t = try await TestLibrary(engine: engine)
        let sample = try await t.library.samples.submit("https://example.com/kept.mp4").sample
        let again = try await Library.open(t.configuration)
        #expect(try await again.samples.sample(sample.id).id == sample.id)
        let migrations = try await again.database.sql.raw("SELECT COUNT(*) AS n FROM _fluent_migrations").first()?.decode(column: "n", as: Int.self)
        #expect(migrations == LibraryDatabase.migrations.count, "each migration recorded once")
        await again.close()
    }

    @Test("a SQLite library's connection keeps a 16 MiB page cache and reads the file through a memory map")
    func sqliteConnectionSettings() async throws {
        let t = try await TestLibrary(engine: .sqlite)
        func pragma(_ name: String) async throws -> Int? {
            try await t.library.database.sql.raw("PRAGMA \(unsafeRaw: name)").first()?.decode(column: name, as: Int.self)
        }
        #expect(try await pragma("cache_size") == -16384)
        #expect(try await pragma("mmap_size") == 256 << 20)
        #expect(try await t.library.samples.list(SampleQuery(search: "anything")).total == 0)
    }

    @Test("three processes opening a new PostgreSQL database at once migrate it once, one after another",
          .enabled(if: TestPostgres.runs))
    func concurrentMigrations() async throws {
        let url = try TestPostgres.freshDatabase()
        let scratch = Scratch("migrations")
        let libraries = try await withThrowingTaskGroup(of: Library.self) { group in
            for i in 0..<3 {
                group.addTask {
                    var configuration = EngineConfiguration(environment: ["DATABASE_URL": url])
                    configuration.home = scratch.url.appendingPathComponent("home\(i)")
                    return try await Library.open(configuration)
                }
            }
            return try await group.reduce(into: [Library]()) { $0.append($1) }
        }
        #expect(libraries.count == 3)
        let sql = try #require(libraries.first).database.sql
        #expect(try await sql.raw("SELECT COUNT(*) AS n FROM _fluent_migrations").first()?.decode(column: "n", as: Int.self) == LibraryDatabase.migrations.count)
        _ = try await libraries[1].samples.submit("https://example.com/shared.mp4")
        #expect(try await libraries[2].samples.list(SampleQuery()).total == 1, "one database under all three")
        for library in libraries { await library.close() }
    }

    @Test("a process waits for another's migration lock on PostgreSQL, then gives up with library.migration_timeout",
          .enabled(if: TestPostgres.runs))
    func migrationLockTimeout() async throws {
        let url = try TestPostgres.freshDatabase()
        let first = try await LibraryDatabase.open(postgresURL: url)
        try await first.db.withConnection { connection in
            let sql = try #require(connection as? any SQLDatabase)
            try await sql.raw("SELECT pg_advisory_lock(\(bind: LibraryDatabase.migrationLockKey))").run()
            let error = await #expect(throws: SampleTokError.self) {
                _ = try await LibraryDatabase.open(postgresURL: url, migrationWait: .milliseconds(300))
            }
            #expect(error?.code == "library.migration_timeout")
            #expect(error?.message.contains("migrating this database") == true)
            try await sql.raw("SELECT pg_advisory_unlock(\(bind: LibraryDatabase.migrationLockKey))").run()
        }
        let second = try await LibraryDatabase.open(postgresURL: url, migrationWait: .milliseconds(300))
        await second.close()
        await first.close()
    }

    @Test("the change stamp moves after another process's write, and stays while nothing is written", arguments: DatabaseEngine.tested)
    func changeStamp(engine: DatabaseEngine) async throws {
        let t = try await TestLibrary(engine: engine)
        let other = try await Library.open(t.configuration)
        let before = try await t.library.samples.changeStamp()
        _ = try await other.samples.submit("https://example.com/stamp.mp4")
        let after = try await t.library.samples.changeStamp()
        #expect(after != before)
        #expect(try await t.library.samples.list(SampleQuery()).total == 1)
        if engine == .sqlite {
            // PostgreSQL's stamp moves with any write transaction on the server (other tests' too).
            #expect(try await t.library.samples.changeStamp() == after)
        }
        await other.close()
    }
}
