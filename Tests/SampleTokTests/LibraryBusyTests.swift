import Foundation
import Testing
import TestSupport

/// Two processes on one SQLite library (issue 19, point 8): the app open while `sampletok
/// import` runs, or two apps. Another process (a Python `sqlite3` connection, as any other
/// SQLite client) holds a write transaction; the built binary's write waits for it (SQLite's
/// `busy_timeout`, sleeping, not sqlite-nio's spinning handler), and succeeds when it is
/// released, or fails with `library.busy` once `SAMPLETOK_BUSY_TIMEOUT` has passed.
@Suite("two processes on one SQLite library", .serialized)
struct LibraryBusyTests {
    /// A library made by the binary, its database held by a second process.
    struct Rig {
        let library = CLILibrary()
        var database: String { library.scratch.path("home/library.sqlite") }

        init() throws {
            let made = try library.run(["list", "--json"])
            #expect(made.status == 0, "\(made.stderr)")
        }

        /// `sampletok me --json` (its first run writes the library's local user) with a busy timeout.
        func me(busyTimeout: String) throws -> Process {
            var environment = library.environment
            environment["SAMPLETOK_BUSY_TIMEOUT"] = busyTimeout
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Binary.path)
            process.arguments = ["me", "--json"]
            process.environment = environment
            process.standardInput = FileHandle.nullDevice
            return process
        }

        /// The local users in the database (read beside the holder: WAL readers do not wait).
        func users() throws -> String {
            try Command.run("sqlite3", [database, "SELECT count(*) FROM users"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    @Test("a write waits while another process holds the library, and succeeds once it lets go", .timeLimit(.minutes(2)))
    func waitsThenSucceeds() async throws {
        let rig = try Rig()
        let holder = try LockHolder(database: rig.database)
        let me = try rig.me(busyTimeout: "60")
        let output = Pipe(), errors = Pipe()
        me.standardOutput = output
        me.standardError = errors
        try me.run()
        // The progress marker: the binary is asleep in SQLite's busy wait (a thread in
        // nanosleep), not finished and not spinning.
        let waiting = try #require(SleepingThread.find(in: me), "the binary never waited on the lock")
        #expect(me.isRunning, "it is still waiting (thread \(waiting))")
        #expect(try rig.users() == "0", "nothing written while the other process holds the library")
        holder.release()
        let (out, err) = (output.fileHandleForReading.readDataToEndOfFile(), errors.fileHandleForReading.readDataToEndOfFile())
        me.waitUntilExit()
        #expect(me.terminationStatus == 0, "\(String(decoding: err, as: UTF8.self))")
        let account = try JSONSerialization.jsonObject(with: out) as? [String: Any]
        #expect(account?["balance"] as? Int == 100, "\(String(decoding: out, as: UTF8.self))")
        #expect(try rig.users() == "1")
    }

    @Test("held past SAMPLETOK_BUSY_TIMEOUT, the write fails with library.busy and a message saying what to do; nothing is half-written",
          .timeLimit(.minutes(2)))
    func busyAfterTheTimeout() async throws {
        let rig = try Rig()
        let holder = try LockHolder(database: rig.database)
        var environment = rig.library.environment
        environment["SAMPLETOK_BUSY_TIMEOUT"] = "0.5"
        let refused = try Command.run(Binary.path, ["me", "--json"], environment: environment)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("error: library.busy: The library is busy: another SampleTok process"), "\(refused.stderr)")
        #expect(refused.stderr.contains("SAMPLETOK_BUSY_TIMEOUT"), "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        // Reading still works beside the holder (WAL), and the next try after release succeeds.
        let listed = try rig.library.run(["list", "--json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        holder.release()
        #expect(try rig.users() == "0")
        let after = try Command.run(Binary.path, ["me", "--json"], environment: environment)
        #expect(after.status == 0, "\(after.stderr)")
        #expect(try rig.users() == "1")
    }
}

/// A second process (Python's sqlite3 module) holding a write transaction on a database until
/// `release()` or its own end.
final class LockHolder {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()

    /// Starts the holder and returns once it holds the write lock (it says so).
    init(database: String) throws {
        let script = """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute("BEGIN IMMEDIATE")
            c.execute("CREATE TABLE IF NOT EXISTS lock_holder (x)")
            print("held", flush=True)
            sys.stdin.readline()
            c.execute("COMMIT")
            print("released", flush=True)
            """
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, database]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        guard line() == "held" else { throw CommandFailure(description: "the lock holder did not take the lock") }
    }

    /// Commits and waits until the holder has let go.
    func release() {
        try? input.fileHandleForWriting.write(contentsOf: Data("go\n".utf8))
        _ = line()
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    private func line() -> String {
        var data = Data()
        while !data.contains(UInt8(ascii: "\n")) {
            let more = output.fileHandleForReading.availableData
            if more.isEmpty { break }
            data.append(more)
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    deinit {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.waitUntilExit() }
    }
}

/// Finds a thread of a child process asleep in `nanosleep`/`clock_nanosleep` (Linux
/// `/proc/<pid>/task/<tid>/syscall`): where SQLite's busy handler waits between its tries.
enum SleepingThread {
    /// x86-64 and arm64 numbers of nanosleep and clock_nanosleep.
    static let sleeps: Set<String> = ["35", "230", "101", "115"]

    /// Polls (bounded, 30 s) until a thread of `process` sleeps there; its thread id, or nil.
    static func find(in process: Process) -> String? {
        let deadline = Date().addingTimeInterval(30)
        let tasks = "/proc/\(process.processIdentifier)/task"
        while Date() < deadline, process.isRunning {
            for thread in (try? FileManager.default.contentsOfDirectory(atPath: tasks)) ?? [] {
                let call = (try? String(contentsOfFile: "\(tasks)/\(thread)/syscall", encoding: .utf8)) ?? ""
                if let number = call.split(separator: " ").first, sleeps.contains(String(number)) { return thread }
            }
            usleep(2_000)
        }
        return nil
    }
}
