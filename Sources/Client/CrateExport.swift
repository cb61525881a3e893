import Foundation
import Model

/// Exports a crate in one go through any `SampleTokClient`: every sample in the crate's order,
/// each as `NN name.wav` (or `.mp3`; `NN` its place, zero-padded), and a `crate.m3u8` playlist
/// beside them (`#EXTM3U`, then `#EXTINF:<seconds>,<creator> - <title>` and the file's relative
/// path for each). A sample that cannot be exported (not finished processing, failed) is left
/// out of the folder and the playlist and listed in `skipped`; the others are still written.
public struct CrateExport: Sendable {
    /// What an export wrote.
    public struct Outcome: Sendable {
        /// The files, in the crate's order.
        public var files: [URL]
        /// The playlist.
        public var playlist: URL
        /// The samples left out, with why.
        public var skipped: [(sample: Sample, error: SampleTokError)]
    }

    /// The playlist's file name.
    public static let playlistName = "crate.m3u8"

    let client: any SampleTokClient

    /// An export through `client`.
    public init(client: any SampleTokClient) { self.client = client }

    /// Exports the crate `nameOrID` as `format` into `folder` (made when missing).
    public func run(_ nameOrID: String, format: ExportFormat, to folder: URL) async throws -> Outcome {
        let crate = try await client.crate(nameOrID)
        let items = crate.items ?? []
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw SampleTokError(.outputUnwritable, "Cannot create the folder \(folder.path).")
        }
        // Each sample lands in a folder of its own first: two samples may share an export name.
        let staging = folder.appendingPathComponent(".crate-export-\(UUID().uuidString.prefix(8).lowercased())")
        defer { try? fileManager.removeItem(at: staging) }
        let width = max(2, String(items.count).count)
        var files: [URL] = []
        var entries: [(Sample, String)] = []
        var skipped: [(sample: Sample, error: SampleTokError)] = []
        for item in items {
            let sample = item.sample
            let written: URL
            do {
                written = try await client.export(sample.id.uuidString, format: format, to: staging.appendingPathComponent(String(item.position)))
            } catch let error as SampleTokError {
                guard error.code != ErrorCode.outputUnwritable.name else { throw error }
                skipped.append((sample, error))
                continue
            }
            let number = String(repeating: "0", count: max(0, width - String(item.position).count)) + String(item.position)
            let name = "\(number) \(written.lastPathComponent)"
            let destination = folder.appendingPathComponent(name)
            try? fileManager.removeItem(at: destination)
            try fileManager.moveItem(at: written, to: destination)
            files.append(destination)
            entries.append((sample, name))
        }
        let playlist = folder.appendingPathComponent(Self.playlistName)
        do {
            try Data(Self.playlist(entries).utf8).write(to: playlist, options: .atomic)
        } catch {
            throw SampleTokError(.outputUnwritable, "Cannot write \(playlist.path).")
        }
        return Outcome(files: files, playlist: playlist, skipped: skipped)
    }

    /// The extended M3U playlist of `entries` (each a sample and its file's path relative to
    /// the playlist), UTF-8, one `#EXTINF` (whole seconds, -1 when unknown; creator and title)
    /// before each path.
    public static func playlist(_ entries: [(Sample, String)]) -> String {
        var lines = ["#EXTM3U"]
        for (sample, path) in entries {
            let seconds = sample.duration.map { Int($0.rounded()) } ?? -1
            let title = sample.title ?? String(sample.id.uuidString.prefix(8)).lowercased()
            let label = [sample.creator, title].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " - ")
            lines.append("#EXTINF:\(seconds),\(label.filter { !$0.isNewline })")
            lines.append(path)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
