import Crypto
import Foundation
import Model
import SQLKit

/// Copies a local library (its SQLite database and its blob folder) into a PostgreSQL database
/// and an S3-compatible bucket: `sampletok admin move-library`. Blobs first, each uploaded only
/// when the bucket lacks it or holds other bytes, then checked against the bucket's listing
/// (size, and the ETag against the file's MD5); then the rows of every table, parents first,
/// each inserted with its own id and skipped when the target has it. A move killed at any
/// point is finished by running it again; nothing is copied twice.
///
/// A target that holds rows or objects the local library does not have is refused unless
/// `merge` is set (a previous run of the same move is not refused: everything in it came from here).
public struct LibraryMover: Sendable {
    /// The local library (its folder; `DATABASE_URL` and `STORAGE_TYPE` are not read here).
    public var source: EngineConfiguration
    /// The PostgreSQL URL to move into.
    public var databaseURL: String
    /// The bucket to move into.
    public var storage: StorageConfiguration
    /// Add into a target that holds other rows or objects.
    public var merge: Bool
    /// Uploads at a time.
    public var parallelUploads = 4

    /// A move of `source` into `databaseURL` and `storage`.
    public init(source: EngineConfiguration, databaseURL: String, storage: StorageConfiguration, merge: Bool) {
        self.source = source
        self.databaseURL = databaseURL
        self.storage = storage
        self.merge = merge
    }

    /// Runs the move, telling `progress` as it goes.
    public func run(progress: @escaping @Sendable (LibraryMoveProgress) -> Void) async throws -> LibraryMoveSummary {
        let started = Date()
        if let problem = storage.problem { throw problem }
        guard let bucket = S3BlobStore(storage) else {
            throw SampleTokError(.moveTargetLocal, "--to-storage must name a bucket (s3://, r2:// or gcs://BUCKET): the local folder is where the library is now.")
        }
        guard FileManager.default.fileExists(atPath: source.databasePath) else {
            throw SampleTokError(.moveNoLibrary, "No library at \(source.home.path) (no library.sqlite): give its folder with --home.")
        }
        let blobs = try LocalBlobStore(root: source.blobsFolder, staging: source.temporaryFolder.appendingPathComponent("staging"))
        let from = try await LibraryDatabase.open(sqlitePath: source.databasePath)
        let to: LibraryDatabase
        do {
            to = try await LibraryDatabase.open(postgresURL: databaseURL)
        } catch {
            await from.close()
            throw error
        }
        do {
            let summary = try await move(from: from, to: to, blobs: blobs, bucket: bucket, started: started, progress: progress)
            await from.close()
            await to.close()
            return summary
        } catch {
            await from.close()
            await to.close()
            throw error
        }
    }

    private func move(from: LibraryDatabase, to: LibraryDatabase, blobs: LocalBlobStore, bucket: S3BlobStore, started: Date,
                      progress: @escaping @Sendable (LibraryMoveProgress) -> Void) async throws -> LibraryMoveSummary {
        let tables = try await TableCopy.plan(from: from.sql, to: to.sql)
        var sourceRows: [String: [[TableCopy.Cell]]] = [:]
        for table in tables { sourceRows[table.name] = try await table.rows(in: from.sql) }
        let localBlobs = try await blobs.list(prefix: "")
        let remote = try await bucket.client.list(prefix: "")

        if !merge {
            try await refuseForeignContent(tables: tables, sourceRows: sourceRows, target: to.sql, localBlobs: localBlobs, remote: remote)
        }

        // Blobs first: a row in the target then always has its files.
        let present = Dictionary(remote.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var sums: [String: String] = [:]
        var toUpload: [ListedBlob] = []
        for blob in localBlobs {
            guard let key = try? BlobKey(blob.key), let url = blobs.localURL(for: key) else { continue }
            let sum = try Self.md5(of: url)
            sums[blob.key] = sum
            if let object = present[blob.key], Self.matches(object, bytes: blob.bytes, md5: sum) { continue }
            toUpload.append(blob)
        }
        let total = localBlobs.count
        var done = total - toUpload.count
        progress(LibraryMoveProgress(phase: "blobs", done: done, total: total))
        var pending = toUpload[...]
        try await withThrowingTaskGroup(of: Void.self) { group in
            func startNext() {
                guard let blob = pending.popFirst() else { return }
                group.addTask {
                    let key = try BlobKey(blob.key)
                    guard let url = blobs.localURL(for: key) else {
                        throw SampleTokError(.moveBlobMissing, "\(blob.key) vanished from \(blobs.root.path) during the move.")
                    }
                    _ = try await bucket.put(file: url, key: key, contentType: blobs.contentType(for: key) ?? "application/octet-stream")
                }
            }
            for _ in 0..<max(1, parallelUploads) { startNext() }
            while try await group.next() != nil {
                done += 1
                progress(LibraryMoveProgress(phase: "blobs", done: done, total: total))
                startNext()
            }
        }
        // Checked against what the bucket now says it holds.
        let stored = Dictionary(try await bucket.client.list(prefix: "").map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        for blob in localBlobs {
            guard let sum = sums[blob.key] else { continue }
            guard let object = stored[blob.key], Self.matches(object, bytes: blob.bytes, md5: sum) else {
                throw SampleTokError(.moveChecksumMismatch, "\(blob.key) in the bucket does not match the local file (size or checksum); run the move again.")
            }
        }

        var tableSummaries: [LibraryMoveSummary.Table] = []
        for table in tables {
            let rows = sourceRows[table.name] ?? []
            let copied = try await table.insert(rows, into: to.sql) { count in
                progress(LibraryMoveProgress(phase: table.name, done: count, total: rows.count))
            }
            tableSummaries.append(.init(name: table.name, rows: rows.count, copied: copied))
        }
        // Every row of the library is in the target now.
        for table in tables {
            let there = Set(try await table.rows(in: to.sql).map(table.key))
            let missing = (sourceRows[table.name] ?? []).filter { !there.contains(table.key($0)) }.count
            guard missing == 0 else {
                throw SampleTokError(.moveRowsMissing, "\(missing) row(s) of \(table.name) are not in the target after the copy (a row of the target with the same unique value but another id?).")
            }
        }
        let uploadedBytes = toUpload.reduce(0) { $0 + $1.bytes }
        return LibraryMoveSummary(tables: tableSummaries, blobs: localBlobs.count, blobsCopied: toUpload.count,
                                  bytes: localBlobs.reduce(0) { $0 + $1.bytes }, bytesCopied: uploadedBytes,
                                  seconds: Date().timeIntervalSince(started))
    }

    /// Throws `move.target_not_empty` when the target holds a row or an object this library does not.
    private func refuseForeignContent(tables: [TableCopy], sourceRows: [String: [[TableCopy.Cell]]], target: any SQLDatabase,
                                      localBlobs: [ListedBlob], remote: [S3Object]) async throws {
        var foreign: [String] = []
        for table in tables {
            let ours = Set((sourceRows[table.name] ?? []).map(table.key))
            let others = try await table.rows(in: target).filter { !ours.contains(table.key($0)) }.count
            if others > 0 { foreign.append("\(others) row(s) of \(table.name)") }
        }
        let keys = Set(localBlobs.map(\.key))
        let objects = remote.filter { !keys.contains($0.key) }.count
        if objects > 0 { foreign.append("\(objects) object(s) in the bucket") }
        guard foreign.isEmpty else {
            throw SampleTokError(.moveTargetNotEmpty, "The target holds what this library does not (\(foreign.joined(separator: ", "))). "
                                     + "Move into an empty database and bucket, or add --merge to add this library to what is there.")
        }
    }

    /// Whether a stored object holds these bytes: the same size and, for an object uploaded whole,
    /// an ETag equal to the MD5 (a multipart upload's ETag is no plain checksum: the size decides).
    static func matches(_ object: S3Object, bytes: Int, md5: String) -> Bool {
        guard object.size == bytes else { return false }
        guard let etag = object.etag?.lowercased(), !etag.contains("-") else { return true }
        return etag == md5
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
