import FluentKit
import Foundation
import Model

extension AssetService {
    /// Copies a completed asset's WAV or MP3 into `folder` as a download by `user` (counted; a
    /// stem's first export by a user costs credits, as `download`); returns the file, named after
    /// the sample (its tempo and key), and for a stem its type. The file and the download go
    /// together: it is written under a temporary name first and renamed into place inside the
    /// download's transaction, so a folder that cannot be written costs nothing and a refused
    /// charge leaves no file.
    public func export(_ id: AudioAssetID, format: ExportFormat, to folder: URL, as user: Principal? = nil) async throws -> URL {
        let asset = try await asset(id, as: user)
        let file = try asset.file(format)
        let name: String
        switch asset {
        case .sample(let sample): name = sample.exportFileName(format)
        case .stem(let stem): name = stem.exportFileName(of: try await samples.sample(stem.sampleID), format)
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw SampleTokError(.outputUnwritable, "Cannot create the folder \(folder.path).")
        }
        let destination = folder.appendingPathComponent(name)
        let partial = folder.appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString.prefix(8)).partial")
        defer { try? FileManager.default.removeItem(at: partial) }
        do {
            try await parts.blobs.copy(try BlobKey(file.key), to: partial)
        } catch let error as BlobKeyError {
            throw SampleTokError(.storageInvalidKey, error.description)
        } catch let error as SampleTokError {
            throw error  // the bucket's own (storage.not_found, storage.unreachable, …)
        } catch {
            throw SampleTokError(.outputUnwritable, "Cannot write \(destination.path): \(error.localizedDescription)")
        }
        try await db.transaction { db in
            try await self.recordDownload(of: asset, format: format, user: user, on: db)
            guard rename(partial.path, destination.path) == 0 else {
                throw SampleTokError(.outputUnwritable, "Cannot write \(destination.path).")
            }
        }
        return destination
    }
}
