import Foundation
import Model

extension LibraryMover {
    /// One end of a move: a local library, or a PostgreSQL database with the bucket of its files.
    public enum End: Sendable {
        /// A local library: `library.sqlite` and `blobs/` in its folder (`DATABASE_URL` and
        /// `STORAGE_TYPE` are not read). As a target it is made when missing.
        case local(EngineConfiguration)
        /// A PostgreSQL database (its URL) and the bucket its files are in.
        case cluster(databaseURL: String, storage: StorageConfiguration)

        /// Whether this is a local library.
        var isLocal: Bool {
            if case .local = self { return true }
            return false
        }

        /// A folder for files on their way down from a bucket: a local library's own `tmp`.
        var staging: URL? {
            if case .local(let configuration) = self { return configuration.temporaryFolder.appendingPathComponent("move") }
            return nil
        }

        /// Throws what stops this end from being moved from (`asSource`) or into, before anything
        /// is opened: a bucket that is not configured right or missing, a source library missing.
        func check(asSource: Bool) throws {
            switch self {
            case .local(let configuration):
                guard !asSource || FileManager.default.fileExists(atPath: configuration.databasePath) else {
                    throw SampleTokError(.moveNoLibrary, "No library at \(configuration.home.path) (no library.sqlite): give its folder with --home.")
                }
            case .cluster(_, let storage):
                if let problem = storage.problem { throw problem }
                guard storage.kind != .local else {
                    let flag = asSource ? "--from-storage" : "--to-storage"
                    throw SampleTokError(.moveNeedsBucket, "The PostgreSQL end of the move needs its bucket: give \(flag) s3://BUCKET[/PREFIX] "
                                             + "(or r2://, gcs://), or set STORAGE_TYPE and its variables. A server's files in a local "
                                             + "folder are not moved by move-library.")
                }
            }
        }

        /// The database and blobs of this end, opened (a local target's folder and database made when missing).
        func open() async throws -> (database: LibraryDatabase, blobs: BlobEnd) {
            switch self {
            case .local(let configuration):
                let store = try LocalBlobStore(root: configuration.blobsFolder,
                                               staging: configuration.temporaryFolder.appendingPathComponent("staging"))
                let database = try await LibraryDatabase.open(sqlitePath: configuration.databasePath, busyTimeout: configuration.busyTimeout)
                return (database, .folder(store))
            case .cluster(let url, let storage):
                guard let bucket = S3BlobStore(storage) else {
                    throw SampleTokError(.moveNeedsBucket, "The PostgreSQL end of the move names no bucket.")
                }
                return (try await LibraryDatabase.open(postgresURL: url), .bucket(bucket))
            }
        }
    }
}
