import Foundation
import Net
import Testing
import TestSupport

/// `sampletok submit --watch --remote` (the remote app follows jobs through the same
/// `RemoteClient.events`) against the built binary's `--serve`, restarted or killed while the
/// job is at work (issue 19, point 10).
@Suite("following a job over a server restart, end to end", .serialized, .timeLimit(.minutes(5)))
struct ReconnectTests {
    /// `sampletok submit URL --watch --remote SERVER` running, its standard error in a file.
    final class Watcher: @unchecked Sendable {
        let process = Process()
        let errorLog: String
        let output = Pipe()

        init(url: String, server: ServeProcess, token: String, environment: [String: String], errorLog: String) throws {
            self.errorLog = errorLog
            process.executableURL = URL(fileURLWithPath: Binary.path)
            process.arguments = ["submit", url, "--watch", "--remote", server.url(""), "--token", token]
            process.environment = environment
            FileManager.default.createFile(atPath: errorLog, contents: nil)
            process.standardError = FileHandle(forWritingAtPath: errorLog)
            process.standardOutput = output
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }

        /// What it has written to standard error so far.
        var errors: String { (try? String(contentsOfFile: errorLog, encoding: .utf8)) ?? "" }

        /// The steps of the lines it printed (one line per kept event when not on a terminal).
        var steps: [String] {
            errors.split(separator: "\n").compactMap { line in line.split(separator: " ").first.map(String.init) }
                .filter { !$0.hasPrefix("error") }
        }

        /// Waits (at most `seconds`) until `condition` holds for its standard error.
        func wait(seconds: Double, until condition: (String) -> Bool) async throws -> Bool {
            let deadline = ContinuousClock.now + .seconds(seconds)
            while ContinuousClock.now < deadline {
                if condition(errors) { return true }
                try await Task.sleep(for: .milliseconds(50))
            }
            return condition(errors)
        }

        /// Waits (at most `seconds`) for it to exit; its status, or nil if it did not.
        func exitStatus(within seconds: Double) async throws -> Int32? {
            let deadline = ContinuousClock.now + .seconds(seconds)
            while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
            if process.isRunning {
                process.terminate()
                return nil
            }
            return process.terminationStatus
        }

        deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    }

    @Test("the server restarted mid-download: --watch reconnects and prints every kept event once, none missing, then the sample")
    func restartMidStream() async throws {
        let f = try ServeFixture()
        var environment = f.environment
        environment["SAMPLETOK_SHUTDOWN_GRACE"] = "0"
        let first = try ServeProcess(environment: environment)
        // The first download of /stall/ never ends: the job is in its download when the server stops.
        let watcher = try Watcher(url: f.media.url("/stall/tone.wav"), server: first, token: f.token, environment: environment,
                                  errorLog: f.scratch.path("watch.log"))
        #expect(try await watcher.wait(seconds: 60) { $0.contains("download") }, "\(watcher.errors)")
        #expect(first.terminate(within: 30) == 0)
        let second = try ServeProcess(environment: environment, arguments: ["--serve", "--port", "\(first.port)", "--workers", "1"])

        #expect(try await watcher.exitStatus(within: 120) == 0, "\(watcher.errors)")
        let printed = String(decoding: watcher.output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed.contains("status     completed"), "\(printed)")

        // Each kept event once, none missing: the download began again after the restart (the
        // resolve step was checkpointed), and the rest came from the second server.
        #expect(watcher.steps == ["resolve", "download", "download", "process", "store", "save", "done"],
                "printed:\n\(watcher.errors)")
        #expect(second.terminate(within: 30) == 0)
    }

    @Test("the server killed for good: --watch tries again, then says it gave up, on what, and what to do (exit 69)")
    func outOfReconnects() async throws {
        let f = try ServeFixture()
        let server = try ServeProcess(environment: f.environment)
        let watcher = try Watcher(url: f.media.url("/stall/tone.wav"), server: server, token: f.token, environment: f.environment,
                                  errorLog: f.scratch.path("watch.log"))
        #expect(try await watcher.wait(seconds: 60) { $0.contains("download") }, "\(watcher.errors)")
        server.kill9()
        #expect(try await watcher.exitStatus(within: 60) == 69, "\(watcher.errors)")
        let errors = watcher.errors
        #expect(errors.contains("remote.unreachable"), "\(errors)")
        #expect(errors.contains("7 attempts to reconnect failed"), "\(errors)")
        #expect(errors.contains(server.url("")) && errors.contains("sampletok jobs --remote"), "\(errors)")
    }
}
