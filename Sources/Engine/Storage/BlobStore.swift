import Foundation

/// Where a sample's files are kept: a local folder (`LocalBlobStore`) or an S3-compatible bucket
/// (`S3BlobStore`). Keys are relative paths such as `samples/<id>/audio.wav`.
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
    /// Removes one blob (nothing happens when it is missing).
    func remove(_ key: BlobKey) async throws
    /// Copies a blob to a local file (written beside it and renamed into place).
    func copy(_ key: BlobKey, to destination: URL) async throws
    /// A blob's bytes, in memory (small files: peaks, playlists).
    func data(_ key: BlobKey) async throws -> Data
    /// Every blob whose key starts with `prefix` ("" for all), with its size.
    func list(prefix: String) async throws -> [ListedBlob]
    /// A URL anyone may GET the blob from without signing (a CDN or a public bucket), or nil
    /// when there is none (the server serves it, or hands out presigned URLs).
    func publicURL(for key: BlobKey) -> String?
    /// A URL that lets its holder GET the blob for `seconds`, or nil when the store cannot sign
    /// (a local folder: the server serves it).
    func presignedURL(for key: BlobKey, seconds: Int) -> String?
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

/// A blob a listing found.
public struct ListedBlob: Sendable, Hashable, Codable {
    /// The key, as stored (it may not be a valid `BlobKey` if something else wrote it).
    public var key: String
    /// Its size in bytes.
    public var bytes: Int

    /// A listed blob.
    public init(key: String, bytes: Int) {
        self.key = key
        self.bytes = bytes
    }
}

extension BlobStore {
    /// The cache policy of every stored blob: its key never gets other content.
    public static var immutableCacheControl: String { "public, max-age=31536000, immutable" }
}
