import Foundation
import Model

/// The `yt-dlp` program: a page's metadata (`--dump-json`) and its best audio, for sites no
/// other resolver knows. Each run has a time limit; its failures become dotted codes.
public struct YTDLP: Sendable {
    /// The executable.
    let path: String
    /// The longest a metadata run may take, in seconds.
    var metadataTimeout: Double = 60
    /// The longest a download may take, in seconds.
    var downloadTimeout: Double = 30 * 60

    /// The format yt-dlp is asked for: the best audio-only stream, else the best with audio.
    static let format = "bestaudio/best"

    /// What yt-dlp knows about `url` (its `--dump-json` object).
    func metadata(_ url: String) async throws -> YTDLPInfo {
        let output = try await run(["--dump-json", "--no-playlist", "--no-warnings", "-f", Self.format, "--", url],
                                   timeout: metadataTimeout, url: url)
        guard let line = output.split(separator: UInt8(ascii: "\n")).first,
              let info = try? JSONDecoder().decode(YTDLPInfo.self, from: Data(line)) else {
            throw SampleTokError(.fetchProviderError, "yt-dlp gave no metadata for \(url) that could be read.")
        }
        return info
    }

    /// Downloads the best audio of `url` to `destination`.
    public func download(_ url: String, to destination: String) async throws {
        try? FileManager.default.removeItem(atPath: destination)
        _ = try await run(["--no-playlist", "--no-warnings", "--no-progress", "--no-part", "-f", Self.format,
                           "-o", destination, "--", url], timeout: downloadTimeout, url: url)
        guard FileManager.default.fileExists(atPath: destination) else {
            throw SampleTokError(.fetchProviderError, "yt-dlp finished without writing the media of \(url).")
        }
    }

    /// Runs yt-dlp with `arguments`; its standard output, or its error as a dotted code.
    private func run(_ arguments: [String], timeout: Double, url: String) async throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw SampleTokError(.linkUnsupported, "yt-dlp at \(path) could not be started (\(error)). Reinstall it or unset YTDLP_PATH.")
        }
        let result = try await Blocking.run { () -> (Data, Data, Bool) in
            let group = DispatchGroup()
            let out = Locked(Data())
            let err = Locked(Data())
            DispatchQueue.global().async(group: group) {
                let data = output.fileHandleForReading.readDataToEndOfFile()
                out.withLock { $0 = data }
            }
            DispatchQueue.global().async(group: group) {
                let data = errors.fileHandleForReading.readDataToEndOfFile()
                err.withLock { $0 = data }
            }
            let inTime = finished.wait(timeout: .now() + timeout) == .success
            if !inTime {
                process.terminate()
                finished.wait()
            }
            group.wait()
            return (out.withLock { $0 }, err.withLock { $0 }, inTime)
        }
        guard result.2 else {
            throw SampleTokError(.fetchTimeout, "yt-dlp did not finish with \(url) within \(Int(timeout)) s.")
        }
        guard process.terminationStatus == 0 else { throw Self.error(String(decoding: result.1, as: UTF8.self), url: url) }
        return result.0
    }

    /// The error for yt-dlp's complaint on standard error.
    static func error(_ stderr: String, url: String) -> SampleTokError {
        let line = stderr.split(whereSeparator: \.isNewline).last { $0.contains("ERROR") }.map(String.init)
            ?? stderr.split(whereSeparator: \.isNewline).last.map(String.init) ?? "no message"
        let said = String(line.prefix(300))
        let lower = said.lowercased()
        if lower.contains("unsupported url") {
            return SampleTokError(.linkUnsupported, "yt-dlp does not support \(url) (\(said)).")
        }
        if lower.contains("private") || lower.contains("not available") || lower.contains("removed") || lower.contains("404") {
            return SampleTokError(.linkNotFound, "\(url) is not available (yt-dlp: \(said)).")
        }
        return SampleTokError(.fetchProviderError, "yt-dlp failed on \(url): \(said)")
    }
}
