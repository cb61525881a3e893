import Engine
import Foundation

/// Starts `sampletok worker --exit-when-idle` in its own session, so queued jobs run after
/// this command returns and a Ctrl-C here does not stop them.
enum BackgroundWorker {
    static func spawn(_ configuration: EngineConfiguration) {
        guard let executable = Bundle.main.executableURL?.path else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["setsid", executable, "worker", "--exit-when-idle",
                             "--home", configuration.home.path, "--workers", String(configuration.workers)]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let log = configuration.home.appendingPathComponent("worker.log")
        if !FileManager.default.fileExists(atPath: log.path) { _ = FileManager.default.createFile(atPath: log.path, contents: nil) }
        process.standardError = (try? FileHandle(forWritingTo: log)).map { handle in
            handle.seekToEndOfFile()
            return handle
        } ?? FileHandle.nullDevice
        try? process.run()
    }
}
