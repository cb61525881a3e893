import FluentKit
import Foundation
import Model
import Resolvers

/// The sample library: a thin façade over the services a caller holds — `samples`, `jobs`,
/// `collections`, `crates`, `accounts`, `stems`, `assets` (the stored audio of samples and stems),
/// `instagram` and `storage` — all built from one `LibraryDependencies` value and the shared
/// parts (database, blob store, progress events, metrics). Everything a client does goes through
/// here (in-process for the local app, behind HTTP for the server).
public final class Library: Sendable {
    /// Where the library lives and how it works.
    public let configuration: EngineConfiguration
    /// The database.
    public let database: LibraryDatabase
    /// The blob store: the library's folder, or a bucket (`STORAGE_TYPE`).
    public let blobs: any BlobStore
    /// Progress of every job run in this process.
    public let events: ProgressHub
    /// What this process measured (requests, step durations); `GET /metrics` reads it.
    public let metrics: EngineMetrics
    /// Samples: list and search, one by id, submit and import, retry, delete, overrides.
    public let samples: SampleService
    /// The jobs that make samples: list, counts, and following a sample's or a stem job's progress.
    public let jobs: JobService
    /// Collections of samples, charged per item.
    public let collections: CollectionService
    /// Crates and stars: a user's named lists of samples and starred samples.
    public let crates: CrateService
    /// Users, their tokens and credits.
    public let accounts: AccountService
    /// Stem requests, stem jobs and stems.
    public let stems: StemService
    /// The stored audio of samples and stems: peaks, export and downloads, one code path for both.
    public let assets: AssetService
    /// Instagram mentions and their engagements.
    public let instagram: InstagramService
    /// The blob store's health and its check against the rows.
    public let storage: StorageService
    /// The shared parts the services are built from.
    let parts: LibraryParts
    /// What the library was opened with (the job handlers take their parts of it).
    let dependencies: LibraryDependencies
    /// The decode pass and the storing of its outputs (the pipelines' collaborator).
    let outputs: MediaOutputs

    /// Opens the library in `configuration.home`, creating and migrating it as needed, with
    /// `dependencies` (by default the live ones of `configuration`).
    public static func open(_ configuration: EngineConfiguration, dependencies: LibraryDependencies? = nil) async throws -> Library {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: configuration.home, withIntermediateDirectories: true)
            try fm.createDirectory(at: configuration.temporaryFolder, withIntermediateDirectories: true)
        } catch {
            throw SampleTokError(.libraryUnwritable, "Cannot create the library folder \(configuration.home.path). Set SAMPLETOK_HOME to a writable folder.")
        }
        // The store first: a bad setting stops here, before a database is opened.
        if let problem = configuration.storage.problem { throw problem }
        let blobs: any BlobStore
        if let bucket = S3BlobStore(configuration.storage) {
            blobs = bucket
        } else {
            let local = try LocalBlobStore(root: configuration.blobsFolder,
                                           staging: configuration.temporaryFolder.appendingPathComponent("staging"))
            local.sweepStaging()
            blobs = local
        }
        let database = try await LibraryDatabase.open(configuration)
        let parts = LibraryParts(configuration: configuration, database: database, blobs: blobs,
                                 events: ProgressHub(), metrics: EngineMetrics())
        let library = Library(parts: parts, dependencies: dependencies ?? .live(configuration))
        try await library.sweepJobFolders()
        return library
    }

    private init(parts: LibraryParts, dependencies: LibraryDependencies) {
        self.parts = parts
        configuration = parts.configuration
        database = parts.database
        blobs = parts.blobs
        events = parts.events
        metrics = parts.metrics
        self.dependencies = dependencies
        let links = dependencies.links
        let outputs = MediaOutputs(parts: parts)
        self.outputs = outputs
        samples = SampleService(parts: parts, links: links, outputs: outputs)
        stems = StemService(parts: parts, samples: samples, providers: dependencies.stemProviders)
        jobs = JobService(parts: parts, samples: samples, stems: stems)
        collections = CollectionService(parts: parts, samples: samples, tiktok: links.tiktok)
        crates = CrateService(parts: parts, samples: samples)
        accounts = AccountService(parts: parts)
        assets = AssetService(parts: parts, samples: samples, stems: stems)
        instagram = InstagramService(parts: parts)
        storage = StorageService(parts: parts)
    }

    /// Removes work folders of jobs that are finished, failed or gone (left by a crash).
    func sweepJobFolders() async throws {
        let folder = configuration.temporaryFolder.appendingPathComponent("jobs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names {
            guard let id = UUID(uuidString: name) else { continue }
            let job = try await JobModel.find(id, on: parts.db)
            if job == nil || job?.status == JobStatus.done.rawValue || job?.status == JobStatus.failed.rawValue {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }

    /// The blob store when it is the library's folder (the server serves it itself), else nil.
    public var localBlobs: LocalBlobStore? { blobs as? LocalBlobStore }

    /// Closes the database.
    public func close() async {
        await database.close()
    }

    /// Gives up the leases of this process's running jobs (before it exits mid-job on purpose),
    /// so that another worker resumes them at once from their last checkpoint.
    public func releaseLeases() async throws {
        try await parts.queue.releaseOwnLeases()
    }

    /// Whether the database answers a trivial query (for health checks).
    public func databaseIsReachable() async -> Bool {
        (try? await database.sql.raw("SELECT 1 AS ok").first()) != nil
    }
}
