import FluentKit
import Foundation
import Media
import Model
import Net
import Resolvers

/// The sample library: database, blob store, durable jobs and progress events. Everything a
/// client does goes through here (in-process for the local app, behind HTTP for the server).
public final class Library: Sendable {
    /// Where the library lives and how it works.
    public let configuration: EngineConfiguration
    /// The database.
    public let database: LibraryDatabase
    /// The blob store: the library's folder, or a bucket (`STORAGE_TYPE`).
    public let blobs: any BlobStore
    /// Progress of every job run in this process.
    public let events = ProgressHub()
    /// What this process measured (requests, step durations); `GET /metrics` reads it.
    public let metrics = EngineMetrics()
    let resolver: SourceResolver
    /// The stem providers and their separators.
    let stemProviders: StemProviderRegistry
    /// Reads of the change stamp, shared by the callers of one moment.
    let stamps: BatchedQuery<LibraryStamp>
    /// The words of the search index, read again when the library changed.
    let searchVocabulary = SearchVocabularyCache()
    /// Samples decoded from list rows, reused while the library does not change.
    let listRows = SampleRowCache()
    let fetcher: any MediaFetcher
    /// The TikTok API, when `RAPIDAPI_KEY` is set.
    let tiktok: TikTokClient?
    /// yt-dlp, when it is installed.
    let ytdlp: YTDLP?

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
        let library = Library(configuration: configuration, database: database, blobs: blobs,
                              dependencies: dependencies ?? .live(configuration))
        try await library.sweepJobFolders()
        return library
    }

    /// Removes work folders of jobs that are finished, failed or gone (left by a crash).
    func sweepJobFolders() async throws {
        let folder = configuration.temporaryFolder.appendingPathComponent("jobs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names {
            guard let id = UUID(uuidString: name) else { continue }
            let job = try await JobModel.find(id, on: db)
            if job == nil || job?.status == JobStatus.done.rawValue || job?.status == JobStatus.failed.rawValue {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }

    private init(configuration: EngineConfiguration, database: LibraryDatabase, blobs: any BlobStore,
                 dependencies: LibraryDependencies) {
        self.configuration = configuration
        self.database = database
        self.blobs = blobs
        self.fetcher = dependencies.links.fetcher
        self.tiktok = dependencies.links.tiktok
        self.ytdlp = dependencies.links.ytdlp
        self.resolver = dependencies.links.resolver
        self.stamps = BatchedQuery { try await Library.readStamp(database) }
        self.stemProviders = dependencies.stemProviders
    }

    /// The blob store when it is the library's folder (the server serves it itself), else nil.
    public var localBlobs: LocalBlobStore? { blobs as? LocalBlobStore }

    /// A local file with the blob's bytes: the stored file of a local store, else a copy
    /// downloaded into `folder` (the caller's work folder, removed with it).
    func localFile(_ key: BlobKey, in folder: URL) async throws -> URL {
        if let url = blobs.localURL(for: key) { return url }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("blob-\(UUID().uuidString)-\(key.segments.last ?? "file")")
        try await blobs.copy(key, to: copy)
        return copy
    }

    /// Closes the database.
    public func close() async {
        await database.close()
    }

    var db: any Database { database.db }

    /// A job queue acting for this process.
    var queue: JobQueue {
        JobQueue(database: database, owner: .current, leaseSeconds: configuration.leaseSeconds,
                 takesLocalFiles: configuration.allowLocalFiles)
    }

    /// Gives up the leases of this process's running jobs (before it exits mid-job on purpose),
    /// so that another worker resumes them at once from their last checkpoint.
    public func releaseLeases() async throws {
        try await queue.releaseOwnLeases()
    }

    /// The durable progress events of every sample and stem job.
    var progressLog: ProgressLog { ProgressLog(database: database) }

    /// Sends a passing progress report of a sample's step (bytes downloaded, share decoded) to
    /// this process's followers: not kept, sequence 0, no event id.
    func publish(_ sampleID: UUID, step: SampleStep, fraction: Double, status: SampleStatus) {
        events.publish(ProgressEvent(sampleID: sampleID, step: step.rawValue, fraction: fraction, message: step.activity, status: status))
    }

    /// Keeps a sample's step, retry or outcome as its next durable event (`ProgressLog`) and
    /// sends it, numbered, to this process's followers; followers elsewhere read it from the log.
    func record(_ sampleID: UUID, step: String, fraction: Double, status: SampleStatus, message: String,
                error: SampleTokError? = nil) async throws {
        try await record(ProgressEvent(sampleID: sampleID, step: step, fraction: fraction, message: message,
                                       status: status, error: error))
    }

    /// Keeps `event` as its subject's next durable event and publishes it numbered. When the
    /// database refuses, it is still published (unnumbered) before the error is thrown.
    func record(_ event: ProgressEvent) async throws {
        do {
            events.publish(try await progressLog.record(event))
        } catch {
            var unnumbered = event
            unnumbered.sequence = 0
            events.publish(unnumbered)
            throw error
        }
    }

    /// The row of a sample by its full id.
    func sampleModel(_ id: UUID) async throws -> SampleModel {
        guard let model = try await SampleModel.find(id, on: db) else { throw SampleTokError.sampleNotFound(id.uuidString) }
        return model
    }

    /// Sets a sample's status; a completed sample (being reprocessed) stays completed until its
    /// new outputs are saved.
    func setStatus(_ id: UUID, _ status: SampleStatus) async throws {
        let model = try await sampleModel(id)
        guard model.status != status.rawValue, model.status != SampleStatus.completed.rawValue else { return }
        model.status = status.rawValue
        model.updatedAt = Date().timeIntervalSince1970
        try await model.update(on: db)
    }

    /// The `save` step: the sample's fields and files and the job's end, in one transaction.
    func saveCompleted(job: JobModel, state checkpoints: SampleJobState) async throws {
        try await db.transaction { db in
            guard let sampleID = job.sampleID, let model = try await SampleModel.find(sampleID, on: db) else {
                throw SampleTokError.sampleNotFound(job.sampleID?.uuidString ?? "(none)")
            }
            if let source = checkpoints.source {
                model.platform = source.platform
                if model.title == nil { model.title = source.title }
                if model.details == nil { model.details = source.description }
                if let creator = source.creatorProfile {
                    let row = try await CreatorModel.query(on: db).filter(\.$platform == creator.platform)
                        .filter(\.$username == creator.username).first()
                    model.link(row?.creator ?? creator, id: row?.id)
                } else if model.creator == nil {
                    model.creator = source.creator
                }
                model.videoID = source.videoID ?? model.videoID
                model.coverURL = source.coverURL ?? model.coverURL
                if let stats = source.stats {
                    model.viewCount = stats.views
                    model.likeCount = stats.likes
                    model.commentCount = stats.comments
                    model.shareCount = stats.shares
                }
            }
            if let analysis = checkpoints.processed?.analysis { model.apply(analysis) }
            if let duration = checkpoints.processed?.duration { model.duration = duration }
            if let files = checkpoints.files { try model.apply(files) }
            let now = Date().timeIntervalSince1970
            model.status = SampleStatus.completed.rawValue
            model.errorCode = nil
            model.errorMessage = nil
            model.completedAt = now
            model.updatedAt = now
            try await model.update(on: db)
            try await Library.settleItems(ofSample: sampleID, failure: nil, on: db)
            try await job.finish(at: now, step: SampleStep.save.rawValue, checkpoints: checkpoints.encoded(), on: db)
        }
    }

    /// A job's final failure: the sample becomes `failed` with the error, in one transaction. A
    /// completed sample being reprocessed stays completed with the files it has; the job keeps the error.
    func saveFailed(job: JobModel, error: SampleTokError) async throws {
        try await db.transaction { db in
            let now = Date().timeIntervalSince1970
            if let sampleID = job.sampleID, let model = try await SampleModel.find(sampleID, on: db),
               model.status != SampleStatus.completed.rawValue {
                model.status = SampleStatus.failed.rawValue
                model.errorCode = error.code
                model.errorMessage = error.message
                model.updatedAt = now
                try await model.update(on: db)
                try await Library.settleItems(ofSample: sampleID, failure: error, on: db)
            }
            try await job.recordFailure(error, at: now, on: db)
        }
        await removeBlobsOfFailedJob(job)
        removeWorkFolder(of: job)
    }

    /// Removes the work folder of a job (it ended).
    func removeWorkFolder(of job: JobModel) {
        if let id = job.id {
            try? FileManager.default.removeItem(at: configuration.temporaryFolder.appendingPathComponent("jobs/\(id.uuidString.lowercased())"))
        }
    }
}
