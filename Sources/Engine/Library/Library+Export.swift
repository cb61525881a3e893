import Foundation
import Model

extension Library {
    /// Creates `folder` for an export (`output.unwritable` when it cannot be made).
    func prepareExportFolder(_ folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw SampleTokError(.outputUnwritable, "Cannot create the folder \(folder.path).")
        }
    }

    /// Copies the stored `file` (a sample's or a stem's) to `target`, naming `destination` in a
    /// refusal (the file the user asked for, when `target` is a temporary name beside it).
    /// Refusals: `storage.invalid_key`, the store's own `storage.*`, `output.unwritable`.
    func copyStored(_ file: SampleFile, to target: URL, for destination: URL) async throws {
        do {
            try await blobs.copy(try BlobKey(file.key), to: target)
        } catch let error as BlobKeyError {
            throw SampleTokError(.storageInvalidKey, error.description)
        } catch let error as SampleTokError {
            throw error  // the bucket's own (storage.not_found, storage.unreachable, …)
        } catch {
            throw SampleTokError(.outputUnwritable, "Cannot write \(destination.path): \(error.localizedDescription)")
        }
    }
}
