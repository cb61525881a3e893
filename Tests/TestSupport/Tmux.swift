import Foundation

/// A terminal program running in a tmux server of its own (`tmux -L <private socket>`), for
/// end-to-end tests: send keys, read the screen, wait for it to show something (polling, with a
/// deadline), resize, and kill. The server is killed when the value goes away.
public final class Tmux: @unchecked Sendable {
    /// The private socket name (`-L`).
    public let socket = "sampletok-test-\(UUID().uuidString.prefix(8))"
    /// The session (and target) name.
    public let session = "test"

    /// Where the reaper writes the program's exit status (tmux 3.3a loses `pane_dead_status` for
    /// about one pane in six, so the harness does not ask tmux for it).
    private let statusFile = FileManager.default.temporaryDirectory
        .appendingPathComponent("sampletok-tmux-\(UUID().uuidString).status").path

    /// Whether `tmux` is installed (the tests that need it skip otherwise).
    public static var isInstalled: Bool { Tools.isInstalled("tmux") }

    /// Starts `command` (run directly, not through a shell) in a detached `width`×`height`
    /// session with `environment` added. The pane stays after the program exits, so its exit
    /// status and last screen can be read.
    public init(_ command: [String], width: Int = 120, height: Int = 40, environment: [String: String] = [:]) throws {
        let variables = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        // The tmux server this starts keeps every descriptor it inherits (and Foundation's
        // `Process` waits for one of its own to close), and the signal mask: the test runner's
        // threads block SIGHUP, SIGTERM, SIGWINCH…, which would reach neither tmux nor the program.
        // Start it with only stdio open and nothing blocked.
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "-c", Self.launcher,
                            "tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", session,
                            "-x", "\(width)", "-y", "\(height)",
                            "python3", "-c", Self.reaper, statusFile, "env"] + variables + command
        server.standardInput = FileHandle.nullDevice
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        server.waitUntilExit()
        guard server.terminationStatus == 0 else {
            throw CommandFailure(description: "tmux could not start \(command.joined(separator: " "))")
        }
        try tmux(["set-option", "-t", session, "remain-on-exit", "on"])
    }

    deinit {
        _ = try? Command.run("tmux", ["-L", socket, "kill-server"])
        try? FileManager.default.removeItem(atPath: statusFile)
    }

    /// Runs its arguments with every descriptor above 2 closed and no signal blocked.
    private static let launcher = """
        import os, signal, sys
        os.closerange(3, 65536)
        signal.pthread_sigmask(signal.SIG_SETMASK, [])
        os.execvp(sys.argv[1], sys.argv[1:])
        """

    /// Runs its arguments as a child in the same process group (so the terminal's signals reach
    /// it as before), passes on SIGTERM and SIGHUP sent to the pane's pid, and writes the child's
    /// exit status (128 + the signal's number when a signal ended it) to the file named first.
    private static let reaper = """
        import os, signal, sys
        path, argv = sys.argv[1], sys.argv[2:]
        terminal = (signal.SIGINT, signal.SIGQUIT, signal.SIGTSTP)
        child = []
        def forward(number, frame):
            if child: os.kill(child[0], number)
        for number in terminal: signal.signal(number, signal.SIG_IGN)
        for number in (signal.SIGTERM, signal.SIGHUP): signal.signal(number, forward)
        pid = os.fork()
        if pid == 0:
            for number in terminal + (signal.SIGTERM, signal.SIGHUP): signal.signal(number, signal.SIG_DFL)
            os.execvp(argv[0], argv)
        child.append(pid)
        code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        code = code if code >= 0 else 128 - code
        with open(path + ".part", "w") as out: out.write(str(code))
        os.rename(path + ".part", path)
        os._exit(code)
        """

    /// Sends tmux key names (`Enter`, `Escape`, `Up`, `C-c`, `q`, …), one key per argument.
    public func press(_ keys: String...) throws {
        try tmux(["send-keys", "-t", session] + keys)
    }

    /// Types `text` literally.
    public func type(_ text: String) throws {
        try tmux(["send-keys", "-t", session, "-l", text])
    }

    /// The visible screen, one line per row (trailing spaces trimmed by tmux).
    public func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", session])
    }

    /// Polls the screen until `condition` holds; throws with the last screen after `seconds`.
    @discardableResult
    public func wait(seconds: Double = 15, _ what: String = "the expected screen",
                     until condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var text = try screen()
        while !condition(text) {
            guard Date() < deadline else {
                throw CommandFailure(description: "tmux: no \(what) within \(seconds) s; the screen was:\n\(text)")
            }
            Thread.sleep(forTimeInterval: 0.05)
            text = try screen()
        }
        return text
    }

    /// Polls until the screen shows `text`.
    @discardableResult
    public func wait(for text: String, seconds: Double = 15) throws -> String {
        try wait(seconds: seconds, "'\(text)'") { $0.contains(text) }
    }

    /// Lets programs set tmux's paste buffer through OSC 52 (`set-clipboard on`), as a user's
    /// `tmux.conf` does for the system clipboard.
    public func acceptClipboard() throws {
        try tmux(["set-option", "-s", "set-clipboard", "on"])
    }

    /// Forgets every paste buffer (the clipboard as tmux keeps it).
    public func clearClipboard() throws {
        while (try? tmux(["delete-buffer"])) != nil {}
    }

    /// Polls until tmux's newest paste buffer is `expected`; throws with what it held after `seconds`.
    public func waitForClipboard(_ expected: String, seconds: Double = 10) throws {
        let deadline = Date().addingTimeInterval(seconds)
        var held = (try? tmux(["show-buffer"])) ?? ""
        while held != expected {
            guard Date() < deadline else {
                throw CommandFailure(description: "tmux: the clipboard did not become '\(expected)' within \(seconds) s; it held '\(held)'")
            }
            Thread.sleep(forTimeInterval: 0.05)
            held = (try? tmux(["show-buffer"])) ?? ""
        }
    }

    /// Resizes the window (and so the program's terminal) to `width`×`height`.
    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The size tmux gives the pane, as `width`×`height`.
    public func size() throws -> (width: Int, height: Int) {
        let parts = try tmux(["display-message", "-p", "-t", session, "#{pane_width} #{pane_height}"])
            .split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard parts.count == 2 else { throw CommandFailure(description: "tmux did not tell the pane's size") }
        return (parts[0], parts[1])
    }

    /// The program's exit status once it has ended (128 + the signal's number when a signal
    /// ended it), nil while it runs.
    public func exitStatus() throws -> Int32? {
        let dead = try tmux(["display-message", "-p", "-t", session, "#{pane_dead}"])
        guard dead.trimmingCharacters(in: .whitespacesAndNewlines) == "1" else { return nil }
        guard let text = try? String(contentsOfFile: statusFile, encoding: .utf8), let status = Int32(text) else {
            throw CommandFailure(description: "tmux: the program's pane ended without an exit status (was the reaper killed?)")
        }
        return status
    }

    /// Polls until the program has ended; returns its exit status.
    public func waitForExit(seconds: Double = 10) throws -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let status = try exitStatus() { return status }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw CommandFailure(description: "tmux: the program did not exit within \(seconds) s; the screen was:\n\(try screen())")
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let result = try Command.run("tmux", ["-L", socket] + arguments)
        guard result.status == 0 else {
            throw CommandFailure(description: "tmux \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        }
        return result.stdout
    }
}
