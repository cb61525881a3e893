import FluentKit
import Foundation
import Model

/// What `StorageService.check` found: objects no row points to, and rows whose objects are missing.
public struct StorageCheckReport: Sendable, Codable {
    /// A file a row names that is not in the store.
    public struct Missing: Sendable, Codable, Hashable {
        /// `sample` or `stem`.
        public var owner: String
        /// The sample's or stem's id.
        public var id: String
        /// The missing key.
        public var key: String
    }

    /// Objects in the store.
    public var objects: Int
    /// Files the rows name.
    public var referenced: Int
    /// Objects no row points to (left by a crash or a failed job), in key order.
    public var orphans: [ListedBlob]
    /// Files rows name that the store does not have.
    public var missing: [Missing]
    /// Orphans removed (`fix`).
    public var removed: Int
}

/// The blob store's health, and its check against the rows (`sampletok admin storage-check`).
public struct StorageService: Sendable {
    let parts: LibraryParts

    var db: any Database { parts.db }
    var blobs: any BlobStore { parts.blobs }

    /// Whether the blob store answers: the folder is writable, or the bucket exists and the keys are accepted.
    public func isReachable() async -> Bool {
        if let local = blobs as? LocalBlobStore { return FileManager.default.isWritableFile(atPath: local.root.path) }
        if let bucket = blobs as? S3BlobStore { return (try? await bucket.client.bucketIsReachable()) == true }
        return true
    }

    /// Compares the store with the rows: lists objects no sample or stem points to and files rows
    /// name that are missing; with `fix`, removes the orphans. Objects under a sample or stem that
    /// is still being made (pending, processing) are not orphans: its job will name them.
    public func check(fix: Bool) async throws -> StorageCheckReport {
        var referenced: [String: (owner: String, id: String)] = [:]
        var inProgress: [String] = []
        for model in try await SampleModel.query(on: db).all() {
            let sample = try model.sample()
            for file in sample.files?.all ?? [] { referenced[file.key] = ("sample", sample.id.uuidString.lowercased()) }
            if sample.status == .pending || sample.status == .processing {
                inProgress.append(BlobKey.sampleFolder(sample.id).description + "/")
            }
        }
        for model in try await StemModel.query(on: db).all() {
            let stem = try model.stem()
            for file in stem.files?.all ?? [] { referenced[file.key] = ("stem", stem.id.uuidString.lowercased()) }
            if stem.status == .pending || stem.status == .processing {
                inProgress.append(BlobKey.stemFolder(sample: stem.sampleID, stem: stem.id).description + "/")
            }
        }
        let objects = try await blobs.list(prefix: "")
        let present = Set(objects.map(\.key))
        let orphans = objects.filter { object in
            referenced[object.key] == nil && !inProgress.contains { object.key.hasPrefix($0) }
        }
        let missing = referenced.filter { !present.contains($0.key) }
            .map { StorageCheckReport.Missing(owner: $0.value.owner, id: $0.value.id, key: $0.key) }
            .sorted { $0.key < $1.key }
        var removed = 0
        if fix {
            for orphan in orphans {
                guard let key = try? BlobKey(orphan.key) else { continue }
                try await blobs.remove(key)
                removed += 1
            }
        }
        return StorageCheckReport(objects: objects.count, referenced: referenced.count, orphans: orphans, missing: missing, removed: removed)
    }
}
