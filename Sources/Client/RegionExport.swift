import Foundation
import Media
import Model

/// Exports a region of a sample or stem through any `SampleTokClient`: the client's own export
/// of its WAV (counted as a download, as any export) into a staging folder beside the
/// destination, then just the region's seconds written as WAV or MP3 under the sample's name
/// with the region's times (`title - 96 BPM - A minor - 2.50-6.30 s.wav`). The whole file is
/// not left behind.
public struct RegionExport: Sendable {
    let client: any SampleTokClient

    /// An export through `client`.
    public init(client: any SampleTokClient) { self.client = client }

    /// Exports `region` of the sample `idOrPrefix` as `format` into `folder` (made when missing);
    /// with `snap`, both ends move to the nearest beat first.
    public func sample(_ idOrPrefix: String, region: LoopRegion, snap: Bool = false, format: ExportFormat, to folder: URL) async throws -> URL {
        let sample = try await client.sample(idOrPrefix)
        let region = try Self.snap(region, to: sample.analysis?.beatGrid, if: snap)
        // Refused before the export is counted.
        if let duration = sample.duration, region.start >= duration {
            throw SampleTokError(.exportRegion, "The region \(region.exportLabel) starts after the end of the audio (\(DurationText.clock(duration))).")
        }
        return try await cut(region, name: sample.exportFileName(format, region: region), format: format, into: folder) { staging in
            try await client.export(sample.id.uuidString, format: .wav, to: staging)
        }
    }

    /// Exports `region` of a stem as `format` into `folder` (made when missing) under `name`
    /// (`Stem.exportFileName(of:_:region:)`); the stem's first export is charged as any stem export is.
    public func stem(_ stemID: UUID, region: LoopRegion, format: ExportFormat, named name: String, to folder: URL) async throws -> URL {
        try await cut(region, name: name, format: format, into: folder) { staging in
            try await client.exportStem(stemID, format: .wav, to: staging)
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

    private func cut(_ region: LoopRegion, name: String, format: ExportFormat, into folder: URL,
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
            try RegionWriter.write(region, of: whole.path, to: made.path, as: format)
        } catch let error as MediaError where error.code == ErrorCode.mediaEmpty.name {
            throw SampleTokError(.exportRegion, "The region \(region.exportLabel) starts after the end of the audio.")
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
