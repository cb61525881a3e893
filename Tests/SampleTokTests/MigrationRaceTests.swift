import Foundation
import Net
import Testing
import TestSupport

/// Processes started together on one new library (issue 26): the migration run is serialised
/// (SQLite: a lock beside the database; PostgreSQL: an advisory lock), the others wait and find
/// the schema ready.
@Suite("a new library opened by several processes at once")
struct MigrationRaceTests {
    /// The migrations this build knows (`LibraryDatabase.migrations.count`; this target does
    /// not link the engine, so it is written here: add one with each migration).
    static let migrationCount = 19

    /// The engines the race runs on: SQLite always, PostgreSQL when the test server runs (or
    /// `REQUIRE_E2E=1` says it must).
    static var engines: [String] { TestPostgres.runs ? ["sqlite", "postgres"] : ["sqlite"] }

    @Test("five processes (two --serve, two import, a list) start together on a new library: all succeed, migrations applied once",
          arguments: engines)
    func fiveAtOnce(engine: String) async throws {
        let library = CLILibrary()
        var environment = library.environment
        let databaseURL = engine == "postgres" ? try TestPostgres.freshDatabase() : nil
        environment["DATABASE_URL"] = databaseURL
        var tones: [String] = []
        for (index, frequency) in [220, 330].enumerated() {
            let tone = library.scratch.path("tone\(index).wav")
            try Fixtures.audio(tone, expression: "0.3*sin(2*PI*\(frequency)*t)", rate: 44100, seconds: 1,
                               codecArguments: ["-c:a", "pcm_s16le"])
            tones.append(tone)
        }
        // Each waits in a shell for the gate file, then execs sampletok: all five start within
        // a few milliseconds of each other, as a service manager starts them.
        let gate = library.scratch.path("gate")
        let servers = try (0..<2).map { _ in
            try GatedProcess(gate: gate, arguments: ["--serve", "--port", "0", "--workers", "1"], environment: environment)
        }
        let commands = try [["import", tones[0]], ["import", tones[1]], ["list", "--json"]].map {
            try GatedProcess(gate: gate, arguments: $0, environment: environment)
        }
        FileManager.default.createFile(atPath: gate, contents: nil)

        for server in servers {
            let line = server.firstLine()
            guard line.hasPrefix("sampletok serving on "), let port = line.split(separator: ":").last.flatMap({ Int($0) }) else {
                Issue.record("a server did not start: '\(line)' \(server.finish().stderr)")
                continue
            }
            let health = try await HTTPClient().send(.get("http://127.0.0.1:\(port)/health"))
            #expect(health.status == 200)
            kill(server.process.processIdentifier, SIGTERM)
            let stopped = server.finish()
            #expect(stopped.status == 0, "\(stopped.stderr)")
        }
        for command in commands {
            let result = command.finish()
            #expect(result.status == 0, "\(command.process.arguments ?? []): \(result.stdout) \(result.stderr)")
        }

        let sql = "SELECT count(*), count(DISTINCT name) FROM _fluent_migrations"
        let counted = try databaseURL.map { try Command.run("psql", [$0, "-AtF", "|", "-c", sql]) }
            ?? Command.run("sqlite3", [library.scratch.path("home/library.sqlite"), sql])
        #expect(counted.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "\(Self.migrationCount)|\(Self.migrationCount)",
                "\(counted.stdout) \(counted.stderr)")
    }

    @Test("a library migrated by a newer SampleTok is refused with library.schema_newer and left as it was")
    func newerSchema() throws {
        let library = CLILibrary()
        let first = try library.run(["list", "--json"])
        #expect(first.status == 0, "\(first.stderr)")
        let database = library.scratch.path("home/library.sqlite")
        let inserted = try Command.run("sqlite3", [database,
            "INSERT INTO _fluent_migrations (id, name, batch) VALUES (randomblob(16), 'Engine.FromTheFuture', 99)"])
        #expect(inserted.status == 0, "\(inserted.stderr)")
        let before = try Command.run("sqlite3", [database, "SELECT count(*) FROM _fluent_migrations"]).stdout

        let refused = try library.run(["list", "--json"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("library.schema_newer"), "\(refused.stderr)")
        #expect(refused.stderr.contains("Engine.FromTheFuture"), "\(refused.stderr)")
        #expect(try Command.run("sqlite3", [database, "SELECT count(*) FROM _fluent_migrations"]).stdout == before)
    }
}

/// `sampletok ARGUMENTS` behind a shell that waits until the gate file exists.
final class GatedProcess {
    let process = Process()
    private let output = Pipe()
    private let errors = Pipe()
    private var head = Data()

    init(gate: String, arguments: [String], environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "while [ ! -e \"$0\" ]; do sleep 0.005; done; exec \"$@\"", gate, Binary.path] + arguments
        process.environment = environment
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// The first line of standard output (what there is, if it ends first).
    func firstLine() -> String {
        while !head.contains(UInt8(ascii: "\n")) {
            let more = output.fileHandleForReading.availableData
            if more.isEmpty { break }
            head.append(more)
        }
        let line = head.split(separator: UInt8(ascii: "\n")).first.map { Data($0) } ?? Data()
        return String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits for the exit; the status and what it printed.
    func finish() -> CommandResult {
        let group = DispatchGroup()
        nonisolated(unsafe) var out = Data(), err = Data()
        let (output, errors) = (self.output.fileHandleForReading, self.errors.fileHandleForReading)
        DispatchQueue.global().async(group: group) { out = output.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { err = errors.readDataToEndOfFile() }
        process.waitUntilExit()
        group.wait()
        return CommandResult(status: process.terminationStatus, stdout: String(decoding: head + out, as: UTF8.self),
                             stderr: String(decoding: err, as: UTF8.self))
    }
}
