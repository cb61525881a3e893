import Crypto
import Foundation
import Model

/// Where the blobs of one end of a move are: a library's folder or a bucket. `LibraryMover`
/// lists both ends, compares them blob by blob and copies what the target lacks through these
/// few operations, whichever way the move goes.
enum BlobEnd: Sendable {
    /// A library's blob folder.
    case folder(LocalBlobStore)
    /// A bucket (under its key prefix).
    case bucket(S3BlobStore)

    /// A blob as a listing gives it.
    struct Entry: Sendable {
        /// The key, as stored.
        var key: String
        /// Its size in bytes.
        var bytes: Int
        /// The bucket's ETag (nil in a folder).
        var etag: String?
    }

    /// Every blob, in key order.
    func inventory() async throws -> [Entry] {
        switch self {
        case .folder(let store): return try await store.list(prefix: "").map { Entry(key: $0.key, bytes: $0.bytes) }
        case .bucket(let store): return try await store.client.list(prefix: "").map { Entry(key: $0.key, bytes: $0.size, etag: $0.etag) }
        }
    }

    /// The MD5 of a listed blob in hex, or nil when this end cannot tell it: a folder hashes the
    /// file; a bucket's ETag is the MD5 of an object uploaded whole, and something else for a
    /// multipart upload (S3 and R2: `<hash>-<parts>`; GCS: no MD5 at all), so only an ETag of 32
    /// hex digits counts.
    func md5(of entry: Entry) throws -> String? {
        switch self {
        case .folder(let store):
            guard let key = try? BlobKey(entry.key), let url = store.localURL(for: key) else { return nil }
            return try Self.md5(of: url)
        case .bucket:
            guard let etag = entry.etag?.lowercased(), etag.count == 32, etag.allSatisfy(\.isHexDigit) else { return nil }
            return etag
        }
    }

    /// Whether `entry` of this end holds the blob of `bytes` bytes and MD5 `md5`: the same size
    /// and, when both MD5s are known, the same MD5.
    func holds(_ entry: Entry, bytes: Int, md5 sum: String?) throws -> Bool {
        guard entry.bytes == bytes else { return false }
        guard let sum, let ours = try md5(of: entry) else { return true }
        return ours == sum
    }

    /// Copies the blob `key` of `source` here with its content type (an object of a bucket is
    /// downloaded into `staging` first, and that file removed after).
    func copy(_ key: BlobKey, from source: BlobEnd, staging: URL) async throws {
        switch source {
        case .folder(let store):
            guard let url = store.localURL(for: key) else {
                throw SampleTokError(.moveBlobMissing, "\(key) vanished from \(store.root.path) during the move.")
            }
            try await put(url, key: key, contentType: store.contentType(for: key))
        case .bucket(let store):
            let file = staging.appendingPathComponent("move-\(getpid())-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: file) }
            let object: S3Object
            do {
                object = try await store.client.download(key.description, to: file)
            } catch let error as SampleTokError where error.code == ErrorCode.storageNotFound.name {
                throw SampleTokError(.moveBlobMissing, "\(key) vanished from the bucket \(store.client.endpoint.bucket) during the move.")
            }
            try await put(file, key: key, contentType: object.contentType)
        }
    }

    private func put(_ file: URL, key: BlobKey, contentType: String?) async throws {
        let type = contentType ?? "application/octet-stream"
        switch self {
        case .folder(let store): _ = try await store.put(file: file, key: key, contentType: type)
        case .bucket(let store): _ = try await store.put(file: file, key: key, contentType: type)
        }
    }

    /// The MD5 of a file in hex, read in 1 MiB pieces.
    static func md5(of url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = Insecure.MD5()
        while let piece = try handle.read(upToCount: 1 << 20), !piece.isEmpty { hasher.update(data: piece) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
