import Foundation
import Media
import Model

/// Exports a sample or stem cut to a region, or bent to a session's tempo and key ("as heard"),
/// or both, through any `SampleTokClient`: the client's own export of its WAV (counted as a
/// download, as any export) into a staging folder beside the destination, then the region's
/// seconds (or all) written as WAV or MP3 through the preview's stretcher, under a name with
/// the tempo and key it has now and the region's times (`title - 124 BPM - E minor - 2.50-6.30
/// s.wav`). The whole file is not left behind. The server takes no part: it works the same on
/// a remote library.
public struct ClipExport: Sendable {
    let client: any SampleTokClient

    /// An export through `client`.
    public init(client: any SampleTokClient) { self.client = client }

    /// Exports `region` (nil: all) of the sample `idOrPrefix` as `format` into `folder` (made
    /// when missing), bent to `session`'s tempo and key when given (`PlaybackSync.matching`);
    /// with `snap`, the region's ends move to the nearest beats first.
    public func sample(_ idOrPrefix: String, region: LoopRegion?, snap: Bool = false, session: (tempo: Double?, key: MusicalKey?)? = nil,
                       format: ExportFormat, to folder: URL) async throws -> URL {
        let sample = try await client.sample(idOrPrefix)
        let region = try region.map { try Self.snap($0, to: sample.analysis?.beatGrid, if: snap) }
        // Refused before the export is counted.
        if let region, let duration = sample.duration, region.start >= duration {
            throw SampleTokError(.exportRegion, "The region \(region.exportLabel) starts after the end of the audio (\(DurationText.clock(duration))).")
        }
        let sync = session.flatMap { PlaybackSync.matching(bpm: sample.bpm, key: sample.key, tempo: $0.tempo, sessionKey: $0.key) }
        if session != nil, sync == nil, sample.bpm == nil, sample.key == nil {
            throw SampleTokError(.exportRegion, "This sample has no tempo or key to bend to the session: leave out --tempo and --key.")
        }
        return try await self.sample(sample.id, region: region, sync: sync, format: format,
                                     named: sample.exportFileName(format, region: region, sync: sync), to: folder)
    }

    /// Exports `region` (nil: all) of a stem bent by `sync` as `format` into `folder` (made when
    /// missing) under `name` (`Stem.exportFileName(of:_:region:sync:)`); the stem's first export
    /// is charged as any stem export is.
    public func stem(_ stemID: UUID, region: LoopRegion?, sync: PlaybackSync?, format: ExportFormat, named name: String,
                     to folder: URL) async throws -> URL {
        try await cut(region, sync: sync, name: name, format: format, into: folder) { staging in
            try await client.exportStem(stemID, format: .wav, to: staging)
        }
    }

    /// Exports `region` (nil: all) of a sample by id bent by `sync`, under `name`
    /// (`Sample.exportFileName(_:region:sync:)`): what the app asks for.
    public func sample(_ id: UUID, region: LoopRegion?, sync: PlaybackSync?, format: ExportFormat, named name: String,
                       to folder: URL) async throws -> URL {
        try await cut(region, sync: sync, name: name, format: format, into: folder) { staging in
            try await client.export(id.uuidString, format: .wav, to: staging)
        }
    }

    /// `region` moved to the beats of `grid` when `snap` asks; `export.region` when it cannot be.
    static func snap(_ region: LoopRegion, to grid: BeatGrid?, if snap: Bool) throws -> LoopRegion {
        guard snap else { return region }
        guard let grid else {
            throw SampleTokError(.exportRegion, "This sample has no beat grid (no tempo was found), so the region cannot snap to beats; leave out --snap.")
        }
        guard let snapped = region.snapped(to: grid) else {
            throw SampleTokError(.exportRegion, "Snapped to the nearest beats, \(region.exportLabel) is empty: both ends land on the same beat. Mark a region longer than a beat.")
        }
        return snapped
    }

    private func cut(_ region: LoopRegion?, sync: PlaybackSync?, name: String, format: ExportFormat, into folder: URL,
                     fetch: (URL) async throws -> URL) async throws -> URL {
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw SampleTokError(.outputUnwritable, "Cannot create the folder \(folder.path).")
        }
        let staging = folder.appendingPathComponent(".sampletok-region-\(UUID().uuidString.prefix(8).lowercased())")
        defer { try? fileManager.removeItem(at: staging) }
        let whole = try await fetch(staging)
        let made = staging.appendingPathComponent("region." + format.rawValue)
        do {
            try RegionWriter.write(region, of: whole.path, to: made.path, as: format, sync: sync)
        } catch let error as MediaError where error.code == ErrorCode.mediaEmpty.name && region != nil {
            throw SampleTokError(.exportRegion, "The region \(region?.exportLabel ?? "") starts after the end of the audio.")
        } catch let error as MediaError {
            throw SampleTokError(ErrorCode.named(error.code), error.message)
        }
        let destination = folder.appendingPathComponent(name)
        try? fileManager.removeItem(at: destination)
        do {
            try fileManager.moveItem(at: made, to: destination)
        } catch {
            throw SampleTokError(.outputUnwritable, "Cannot write \(destination.path).")
        }
        return destination
    }
}
