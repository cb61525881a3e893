import Foundation

/// What a finished command printed and returned.
public struct CommandResult: Sendable {
    /// The exit status.
    public var status: Int32
    /// Standard output.
    public var stdout: String
    /// Standard error.
    public var stderr: String

    /// A result from its parts.
    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// Runs external programs (ffmpeg, ffprobe, the sampletok binary) for the tests.
public enum Command {
    /// Runs `executable` (looked up on PATH unless absolute) with `arguments` and waits.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> CommandResult {
        let process = Process()
        if executable.hasPrefix("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes while the process runs so neither fills up.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        process.waitUntilExit()
        group.wait()
        return CommandResult(status: process.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs ffmpeg quietly with `-y`, failing the caller when it fails.
    public static func ffmpeg(_ arguments: [String]) throws {
        let result = try run("ffmpeg", ["-v", "error", "-nostdin", "-y"] + arguments)
        guard result.status == 0 else { throw CommandFailure(description: "ffmpeg failed: \(result.stderr)") }
    }

    /// ffprobe's `-show_streams -show_format` for a file, as JSON.
    public static func probe(_ path: String) throws -> Probe {
        let result = try run("ffprobe", ["-v", "error", "-show_streams", "-show_format", "-of", "json", path])
        guard result.status == 0 else { throw CommandFailure(description: "ffprobe failed: \(result.stderr)") }
        return try JSONDecoder().decode(Probe.self, from: Data(result.stdout.utf8))
    }
}

/// A command the test needed failed.
public struct CommandFailure: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
}

/// The parts of ffprobe's JSON the tests read.
public struct Probe: Decodable, Sendable {
    public struct Stream: Decodable, Sendable {
        public var codec_name: String?
        public var codec_type: String?
        public var sample_rate: String?
        public var channels: Int?
        public var bits_per_sample: Int?
        public var bits_per_raw_sample: String?
        public var bit_rate: String?
        public var duration: String?
        public var duration_ts: Int?
        public var width: Int?
        public var height: Int?
    }
    public struct Format: Decodable, Sendable {
        public var format_name: String?
        public var duration: String?
        public var bit_rate: String?
    }
    public var streams: [Stream]
    public var format: Format?

    /// The first audio stream.
    public var audio: Stream? { streams.first { $0.codec_type == "audio" } }
}
