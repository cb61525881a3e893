import Foundation

/// A throwaway user-mode PulseAudio daemon with a float32 48 kHz null sink `spk`, its socket
/// in a temporary folder; stopped when released. Record what was played from `spk.monitor`.
public final class PulseServer: @unchecked Sendable {
    /// The folder holding the socket, pid and log.
    public let folder: Scratch
    /// The server address for clients: `unix:<folder>/native`.
    public var address: String { "unix:\(folder.path("native"))" }

    /// Starts the daemon and waits until it answers; with `running: false` only makes its
    /// folder (and address), for a client that starts first.
    public init(running: Bool = true) throws {
        folder = Scratch("pulse")
        chmod(folder.url.path, 0o700)
        if running { try start() }
    }

    /// Starts the daemon (again, after `stop`) at the same address and waits until it answers.
    public func start() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_RUNTIME_DIR"] = folder.url.path
        // The daemon keeps the descriptors it inherits: give it no pipe to hold open.
        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        daemon.environment = environment
        daemon.standardInput = FileHandle.nullDevice
        daemon.standardOutput = FileHandle.nullDevice
        daemon.standardError = FileHandle.nullDevice
        daemon.arguments = ["pulseaudio",
            "-n", "--daemonize=yes", "--exit-idle-time=-1", "--disallow-exit=yes", "--use-pid-file=yes",
            "--log-target=file:\(folder.path("pulseaudio.log"))",
            "--load=module-native-protocol-unix auth-anonymous=1 socket=\(folder.path("native"))",
            "--load=module-null-sink sink_name=spk format=float32le rate=48000 channels=2",
        ]
        try daemon.run()
        daemon.waitUntilExit()
        guard daemon.terminationStatus == 0 else {
            let log = (try? String(contentsOfFile: folder.path("pulseaudio.log"), encoding: .utf8)) ?? ""
            throw CommandFailure(description: "pulseaudio did not start: \(log.suffix(500))")
        }
        let info = try Command.run("pactl", ["--server", address, "info"])
        guard info.status == 0 else { throw CommandFailure(description: "pulseaudio does not answer: \(info.stderr)") }
    }

    deinit { stop() }

    /// Kills the daemon (as `pulseaudio --kill` does: its clients lose the connection) and waits
    /// until it is gone; `start` brings one back at the same address.
    public func stop() {
        guard let pid = try? String(contentsOfFile: folder.path("pulse/pid"), encoding: .utf8),
              let number = Int32(pid.trimmingCharacters(in: .whitespacesAndNewlines)), number > 0 else { return }
        kill(number, SIGTERM)
        let deadline = Date().addingTimeInterval(10)
        // Gone, or a zombie its parent has not reaped yet (which no longer serves anyone).
        func running() -> Bool {
            guard kill(number, 0) == 0 else { return false }
            let stat = (try? String(contentsOfFile: "/proc/\(number)/stat", encoding: .utf8)) ?? ""
            return !(stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") ?? false)
        }
        while running() && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        try? FileManager.default.removeItem(atPath: folder.path("pulse/pid"))
    }

    /// Starts recording the null sink's monitor into a file of the server's folder.
    public func record(_ name: String = "capture.f32") throws -> MonitorRecording {
        try MonitorRecording(server: address, source: "spk.monitor", path: folder.path(name))
    }

    /// Whether `pulseaudio`, `pactl` and `parec` are installed (the tests that need them skip otherwise).
    public static var isInstalled: Bool { ["pulseaudio", "pactl", "parec"].allSatisfy(Tools.isInstalled) }
}
