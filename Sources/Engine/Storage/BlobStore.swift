import Foundation

/// Where a sample's files are kept: a local folder now, an S3-compatible bucket later.
/// Keys are relative paths such as `samples/<id>/audio.wav`.
public protocol BlobStore: Sendable {
    /// Stores the file at `source` under `key` with its content type, replacing what was there.
    /// The write is atomic: readers see the old file or the new one, never a part.
    func put(file source: URL, key: BlobKey, contentType: String) async throws -> StoredBlob
    /// The local path of a stored blob, or nil when it is missing (or not local).
    func localURL(for key: BlobKey) -> URL?
    /// Whether `key` exists.
    func exists(_ key: BlobKey) async -> Bool
    /// Removes every blob whose key starts with `prefix` (a sample's folder).
    func removeAll(under prefix: BlobKey) async throws
    /// Copies a blob to a local file.
    func copy(_ key: BlobKey, to destination: URL) async throws
}

/// What `put` stored.
public struct StoredBlob: Sendable, Hashable {
    /// The key.
    public var key: BlobKey
    /// Its size in bytes.
    public var bytes: Int
    /// Its content type.
    public var contentType: String
}
