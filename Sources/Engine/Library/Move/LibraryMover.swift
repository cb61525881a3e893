import Foundation
import Model
import SQLKit

/// Moves a library between a local folder (SQLite and its blob folder) and a cluster (a
/// PostgreSQL database and an S3-compatible bucket), either way: `sampletok admin move-library`
/// up (`--to-database`) or home (`--from-database`). Blobs first, each copied only when the target
/// lacks it or holds other bytes, then checked against the target's listing (size, and the MD5
/// where both ends know it: a file's own, a bucket's ETag); then the rows of every table, parents
/// first, each inserted with its own id and skipped when the target has it. A move killed at any
/// point is finished by running it again; nothing is copied twice. The source is only read.
///
/// A target that holds rows or blobs the source does not have is refused unless `merge` is set
/// (a previous run of the same move is not refused: everything in it came from the source).
public struct LibraryMover: Sendable {
    /// Where the library is.
    public var source: End
    /// Where it goes.
    public var target: End
    /// Add into a target that holds other rows or blobs.
    public var merge: Bool
    /// Blobs copied at a time.
    public var parallelTransfers = 4

    /// A move of `source` into `target`: one of them local, the other a cluster.
    public init(source: End, target: End, merge: Bool) {
        self.source = source
        self.target = target
        self.merge = merge
    }

    /// Runs the move, telling `progress` as it goes.
    public func run(progress: @escaping @Sendable (LibraryMoveProgress) -> Void) async throws -> LibraryMoveSummary {
        let started = Date()
        guard source.isLocal != target.isLocal else {
            throw SampleTokError(.moveNeedsBucket, "A move goes between a local library and PostgreSQL with a bucket: one end local, the other not.")
        }
        try source.check(asSource: true)
        try target.check(asSource: false)
        let staging = source.staging ?? target.staging ?? FileManager.default.temporaryDirectory
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        let from = try await source.open()
        let to: (database: LibraryDatabase, blobs: BlobEnd)
        do {
            to = try await target.open()
        } catch {
            await from.database.close()
            throw error
        }
        do {
            let summary = try await move(from: from, to: to, staging: staging, started: started, progress: progress)
            await from.database.close()
            await to.database.close()
            return summary
        } catch {
            await from.database.close()
            await to.database.close()
            throw error
        }
    }

    private func move(from: (database: LibraryDatabase, blobs: BlobEnd), to: (database: LibraryDatabase, blobs: BlobEnd), staging: URL,
                      started: Date, progress: @escaping @Sendable (LibraryMoveProgress) -> Void) async throws -> LibraryMoveSummary {
        let tables = try await TableCopy.plan(from: from.database.sql, to: to.database.sql)
        var sourceRows: [String: [[TableCopy.Cell]]] = [:]
        for table in tables { sourceRows[table.name] = try await table.rows(in: from.database.sql) }
        let sourceBlobs = try await from.blobs.inventory()
        let targetBlobs = try await to.blobs.inventory()

        if !merge {
            try await refuseForeignContent(tables: tables, sourceRows: sourceRows, in: to.database.sql,
                                           sourceBlobs: sourceBlobs, targetBlobs: targetBlobs)
        }

        // Blobs first: a row in the target then always has its files.
        let present = Dictionary(targetBlobs.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var sums: [String: String] = [:]
        var toCopy: [(key: BlobKey, bytes: Int)] = []
        for blob in sourceBlobs {
            // A key SampleTok would not have written (another tool's object in the bucket) is left.
            guard let key = try? BlobKey(blob.key) else { continue }
            let sum = try from.blobs.md5(of: blob)
            sums[blob.key] = sum
            if let there = present[blob.key], try to.blobs.holds(there, bytes: blob.bytes, md5: sum) { continue }
            toCopy.append((key, blob.bytes))
        }
        let moved = sourceBlobs.filter { (try? BlobKey($0.key)) != nil }
        let total = moved.count
        var done = total - toCopy.count
        progress(LibraryMoveProgress(phase: "blobs", done: done, total: total))
        var pending = toCopy[...]
        try await withThrowingTaskGroup(of: Void.self) { group in
            func startNext() {
                guard let blob = pending.popFirst() else { return }
                group.addTask { try await to.blobs.copy(blob.key, from: from.blobs, staging: staging) }
            }
            for _ in 0..<max(1, parallelTransfers) { startNext() }
            while try await group.next() != nil {
                done += 1
                progress(LibraryMoveProgress(phase: "blobs", done: done, total: total))
                startNext()
            }
        }
        // Checked against what the target now says it holds.
        let stored = Dictionary(try await to.blobs.inventory().map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        for blob in moved {
            guard let there = stored[blob.key], try to.blobs.holds(there, bytes: blob.bytes, md5: sums[blob.key]) else {
                throw SampleTokError(.moveChecksumMismatch, "\(blob.key) in the target does not match the source (size or checksum); run the move again.")
            }
        }

        var tableSummaries: [LibraryMoveSummary.Table] = []
        for table in tables {
            let rows = sourceRows[table.name] ?? []
            let copied = try await table.insert(rows, into: to.database.sql) { count in
                progress(LibraryMoveProgress(phase: table.name, done: count, total: rows.count))
            }
            tableSummaries.append(.init(name: table.name, rows: rows.count, copied: copied))
        }
        // Every row of the source is in the target now.
        for table in tables {
            let there = Set(try await table.rows(in: to.database.sql).map(table.key))
            let missing = (sourceRows[table.name] ?? []).filter { !there.contains(table.key($0)) }.count
            guard missing == 0 else {
                throw SampleTokError(.moveRowsMissing, "\(missing) row(s) of \(table.name) are not in the target after the copy (a row of the target with the same unique value but another id?).")
            }
        }
        return LibraryMoveSummary(tables: tableSummaries, blobs: total, blobsCopied: toCopy.count,
                                  bytes: moved.reduce(0) { $0 + $1.bytes }, bytesCopied: toCopy.reduce(0) { $0 + $1.bytes },
                                  seconds: Date().timeIntervalSince(started))
    }

    /// Throws `move.target_not_empty` when the target holds a row or a blob the source does not.
    private func refuseForeignContent(tables: [TableCopy], sourceRows: [String: [[TableCopy.Cell]]], in database: any SQLDatabase,
                                      sourceBlobs: [BlobEnd.Entry], targetBlobs: [BlobEnd.Entry]) async throws {
        var foreign: [String] = []
        for table in tables {
            let ours = Set((sourceRows[table.name] ?? []).map(table.key))
            let others = try await table.rows(in: database).filter { !ours.contains(table.key($0)) }.count
            if others > 0 { foreign.append("\(others) row(s) of \(table.name)") }
        }
        let keys = Set(sourceBlobs.map(\.key))
        let blobs = targetBlobs.filter { !keys.contains($0.key) }.count
        if blobs > 0 { foreign.append("\(blobs) blob(s) \(target.isLocal ? "in the library's folder" : "in the bucket")") }
        guard foreign.isEmpty else {
            let empty = target.isLocal ? "an empty library folder (--home)" : "an empty database and bucket"
            throw SampleTokError(.moveTargetNotEmpty, "The target holds what the source does not (\(foreign.joined(separator: ", "))). "
                                     + "Move into \(empty), or add --merge to add this library to what is there.")
        }
    }
}
