import Foundation

/// `parec` recording a PulseAudio sink's monitor to a raw float32 stereo 48 kHz file, which the
/// test reads while it grows.
public final class MonitorRecording: @unchecked Sendable {
    /// The raw capture.
    public let path: String
    private let process: Process

    /// Starts `parec` on `source` of the server at `address`, with a 10 ms fragment.
    init(server address: String, source: String, path: String) throws {
        self.path = path
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["parec", "--server", address, "-d", source, "--format=float32le", "--rate=48000",
                             "--channels=2", "--raw", "--latency-msec=10", path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    deinit { stop() }

    /// The left channel recorded so far.
    public func samples() -> [Float] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let count = data.count / 8
        return data.withUnsafeBytes { raw in
            let floats = raw.bindMemory(to: Float.self)
            return (0..<count).map { floats[2 * $0] }
        }
    }

    /// Polls the recording until `condition` holds (or `seconds` pass); returns the left channel.
    @discardableResult
    public func wait(seconds: Double = 20, until condition: ([Float]) -> Bool) -> [Float] {
        let deadline = Date().addingTimeInterval(seconds)
        var captured = samples()
        while !condition(captured) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
            captured = samples()
        }
        return captured
    }

    /// Polls until the recording has some sound after frame `start` and then at least `quiet`
    /// seconds of silence at its end: everything played before the call has reached the monitor.
    @discardableResult
    public func waitForSilence(after quiet: Double = 0.25, soundAfter start: Int = 0, seconds: Double = 20) -> [Float] {
        wait(seconds: seconds) {
            $0.count > start && Signal.trailingSilence($0, sampleRate: 48000) >= quiet && Signal.hasSound(Array($0[start...]))
        }
    }

    /// Stops `parec` (SIGKILL: the test runner's threads block the usual signals, and parec
    /// inherits that) and returns the whole left channel.
    @discardableResult
    public func stop() -> [Float] {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        return samples()
    }
}
