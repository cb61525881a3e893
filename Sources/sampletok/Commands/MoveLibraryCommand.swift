import ArgumentParser
import Engine
import Foundation
import Model

/// `sampletok admin move-library`: a local library into PostgreSQL and a bucket (`--to-database`),
/// or back into a local library (`--from-database`), through `LibraryMover`.
struct MoveLibraryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move-library",
        abstract: "Copy a library (rows, ledger, users, files) between a local folder and PostgreSQL with a bucket, either way.",
        discussion: """
            Up: --to-database URL [--to-storage s3://BUCKET[/PREFIX]] copies the local library (--home) into the database \
            and the bucket. Home: --from-database URL [--from-storage s3://BUCKET[/PREFIX]] copies a server's database and \
            bucket into the local library (made when missing). The bucket's keys come from the environment as for \
            STORAGE_TYPE (AWS_ACCESS_KEY_ID, S3_ENDPOINT_URL, R2_ACCOUNT_ID, GCS_HMAC_ACCESS_ID, …); the storage URL names \
            the kind (s3://, r2://, gcs://), the bucket and a key prefix. Without one, STORAGE_TYPE and its variables name \
            the bucket. A killed move is finished by running it again: what is in the target already is not copied twice. \
            The source is left as it was.
            """)

    @Option(name: .customLong("to-database"), help: ArgumentHelp("The PostgreSQL database to move the local library into.", valueName: "url"))
    var toDatabase: String?
    @Option(name: .customLong("to-storage"), help: ArgumentHelp("Its bucket: s3://BUCKET[/PREFIX], r2://… or gcs://….", valueName: "url"))
    var toStorage: String?
    @Option(name: .customLong("from-database"), help: ArgumentHelp("The PostgreSQL database to move into the local library.", valueName: "url"))
    var fromDatabase: String?
    @Option(name: .customLong("from-storage"), help: ArgumentHelp("Its bucket: s3://BUCKET[/PREFIX], r2://… or gcs://….", valueName: "url"))
    var fromStorage: String?
    @Flag(help: "Add to a target that holds other rows or files.") var merge = false
    @Flag(help: "Print the summary as JSON.") var json = false
    @OptionGroup var library: LibraryOptions

    func validate() throws {
        switch (toDatabase, fromDatabase) {
        case (nil, nil): throw ValidationError("Give --to-database (move the local library up) or --from-database (bring a server's library home).")
        case (.some, .some): throw ValidationError("Give --to-database or --from-database, not both: one end of a move is the local library.")
        case (.some, nil) where fromStorage != nil: throw ValidationError("--from-storage goes with --from-database.")
        case (nil, .some) where toStorage != nil: throw ValidationError("--to-storage goes with --to-database.")
        default: break
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        func storage(_ url: String?) -> StorageConfiguration {
            url.map { StorageConfiguration(url: $0, environment: environment) } ?? StorageConfiguration(environment: environment)
        }
        let local = LibraryMover.End.local(library.configuration)
        let mover: LibraryMover
        if let fromDatabase {
            mover = LibraryMover(source: .cluster(databaseURL: fromDatabase, storage: storage(fromStorage)), target: local, merge: merge)
        } else {
            mover = LibraryMover(source: local, target: .cluster(databaseURL: toDatabase ?? "", storage: storage(toStorage)), merge: merge)
        }
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
}

/// The move's progress on standard error: one line redrawn on a terminal, else a line per 10%.
private final class ProgressLine: Sendable {
    private let terminal = isatty(STDERR_FILENO) == 1
    private let last = Locked<(phase: String, tenth: Int)?>(nil)

    func show(_ progress: LibraryMoveProgress) {
        let fraction = progress.total == 0 ? 1 : Double(progress.done) / Double(progress.total)
        last.withLock { last in
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
    }

    func finish() {
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
