import ArgumentParser
import Engine
import Foundation
import Model

/// `sampletok admin move-library`: a local library into PostgreSQL and a bucket (`LibraryMover`).
struct MoveLibraryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move-library",
        abstract: "Copy a local library (rows, ledger, users, files) into a PostgreSQL database and a bucket.",
        discussion: """
            The bucket's keys come from the environment as for STORAGE_TYPE (AWS_ACCESS_KEY_ID, S3_ENDPOINT_URL, \
            R2_ACCOUNT_ID, GCS_HMAC_ACCESS_ID, …); --to-storage names the kind and the bucket. Without --to-storage, \
            STORAGE_TYPE and its variables name the bucket. A killed move is finished by running it again: what is \
            in the target already is not copied twice. The local library is left as it was.
            """)

    @Option(name: .customLong("to-database"), help: ArgumentHelp("The PostgreSQL database to move into.", valueName: "url"))
    var databaseURL: String
    @Option(name: .customLong("to-storage"), help: ArgumentHelp("The bucket: s3://BUCKET, r2://BUCKET or gcs://BUCKET.", valueName: "url"))
    var storageURL: String?
    @Flag(help: "Add to a database or bucket that holds other rows or objects.") var merge = false
    @Flag(help: "Print the summary as JSON.") var json = false
    @OptionGroup var library: LibraryOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let storage = try storageURL.map { try Self.storage($0, environment: environment) } ?? StorageConfiguration(environment: environment)
        let mover = LibraryMover(source: library.configuration, databaseURL: databaseURL, storage: storage, merge: merge)
        let bar = ProgressLine()
        let summary = try await mover.run { bar.show($0) }
        bar.finish()
        if json {
            print(try JSONOutput.string(summary))
            return
        }
        for table in summary.tables {
            print("\(table.name)\t\(table.rows) row(s), \(table.copied) copied")
        }
        print("blobs\t\(summary.blobs) (\(summary.bytes) bytes), \(summary.blobsCopied) copied (\(summary.bytesCopied) bytes)")
        print(String(format: "Moved in %.1f s.", summary.seconds))
    }

    /// The storage configuration of `url` (`s3://BUCKET`): the environment's keys, this kind and bucket.
    static func storage(_ url: String, environment: [String: String]) throws -> StorageConfiguration {
        let parts = url.components(separatedBy: "://")
        guard parts.count == 2, let kind = StorageConfiguration.Kind(rawValue: parts[0].lowercased()), kind != .local else {
            throw ValidationError("--to-storage '\(url)' is not s3://BUCKET, r2://BUCKET or gcs://BUCKET.")
        }
        var bucket = parts[1]
        while bucket.hasSuffix("/") { bucket.removeLast() }
        guard !bucket.isEmpty, !bucket.contains("/") else {
            throw ValidationError("--to-storage '\(url)': a key prefix is not supported (the server keeps its objects at the bucket's root); give the bucket alone.")
        }
        var environment = environment
        environment["STORAGE_TYPE"] = kind.rawValue
        let variable = ["s3": "S3_BUCKET_NAME", "r2": "R2_BUCKET_NAME", "gcs": "GCS_BUCKET_NAME"][kind.rawValue] ?? "S3_BUCKET_NAME"
        environment[variable] = bucket
        return StorageConfiguration(environment: environment)
    }
}

/// The move's progress on standard error: one line redrawn on a terminal, else a line per 10%.
private final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let terminal = isatty(STDERR_FILENO) == 1
    private var last: (phase: String, tenth: Int)?

    func show(_ progress: LibraryMoveProgress) {
        lock.lock()
        defer { lock.unlock() }
        let fraction = progress.total == 0 ? 1 : Double(progress.done) / Double(progress.total)
        if terminal {
            let filled = Int(fraction * 30)
            let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: 30 - filled)
            FileHandle.standardError.write(Data("\r\u{1B}[K\(progress.phase) [\(bar)] \(progress.done)/\(progress.total)".utf8))
            return
        }
        let tenth = Int(fraction * 10)
        guard last?.phase != progress.phase || last?.tenth != tenth else { return }
        last = (progress.phase, tenth)
        FileHandle.standardError.write(Data("\(progress.phase) \(progress.done)/\(progress.total)\n".utf8))
    }

    func finish() {
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
