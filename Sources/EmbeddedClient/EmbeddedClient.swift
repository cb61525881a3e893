import Client
import Engine
import Foundation
import Model

/// A `SampleTokClient` over a `Library` in this process: the local app's library, with its
/// pipeline workers here too when asked (`Workers`).
public final class EmbeddedClient: SampleTokClient {
    /// Who runs the pipeline's jobs while the client is open.
    public enum Workers: Sendable, Equatable {
        /// Nobody here: another process does (`sampletok worker`, a background worker, a server).
        case none
        /// This many workers run every queued job in the background until `close()` (the TUI's
        /// local mode, `--listen`).
        case background(Int)
        /// `events(of:)` runs the followed sample's job here while its stream is read (the
        /// CLI's `--watch`).
        case followedSample
    }

    /// The library.
    public let library: Library
    /// Who runs the jobs.
    public let workers: Workers
    /// How many demo loops `open` added to a new library (0 for a library that had samples).
    public let demoLoopsAdded: Int
    private let ownsLibrary: Bool
    private let background: Task<Void, Never>?

    /// Opens the library in `configuration.home` (creating and migrating it as needed), adds the
    /// demo loops of `demoFolder` to a new library, and starts the background workers, if any.
    public static func open(configuration: EngineConfiguration, workers: Workers = .none,
                            demoFolder: URL? = Assets.demoFolder) async throws -> EmbeddedClient {
        let library: Library
        do {
            library = try await Library.open(configuration)
        } catch {
            throw SampleTokError.library(error) ?? error
        }
        do {
            var added = 0
            if let demoFolder { added = try await library.importDemoIfNew(from: demoFolder) }
            return EmbeddedClient(library: library, workers: workers, demoLoopsAdded: added, ownsLibrary: true)
        } catch {
            await library.close()
            throw error
        }
    }

    /// A client of a library opened elsewhere (shared with a server, for `--listen`); `close()`
    /// stops this client's workers but leaves the library open.
    public convenience init(library: Library, workers: Workers = .none) {
        self.init(library: library, workers: workers, demoLoopsAdded: 0, ownsLibrary: false)
    }

    private init(library: Library, workers: Workers, demoLoopsAdded: Int, ownsLibrary: Bool) {
        self.library = library
        self.workers = workers
        self.demoLoopsAdded = demoLoopsAdded
        self.ownsLibrary = ownsLibrary
        if case .background(let count) = workers {
            background = Task {
                try? await JobRunner(library: library).run(workers: count) { false }
            }
        } else {
            background = nil
        }
    }

    /// `local library`.
    public var location: String { "local library" }

    /// One page of the library's samples.
    public func list(_ query: SampleQuery) async throws -> ResultPage<Sample> {
        try await mapped { try await library.list(query) }
    }

    /// One sample by id or unique prefix.
    public func sample(_ idOrPrefix: String) async throws -> Sample {
        try await mapped { try await library.sample(idOrPrefix) }
    }

    /// Submits a URL or a local file path.
    public func submit(_ source: String) async throws -> SubmitOutcome {
        try await mapped { try await library.submit(source) }
    }

    /// `Library.follow(sample:)`; with `.followedSample` the job also runs here while the stream is read.
    public func events(of id: UUID) -> AsyncThrowingStream<ProgressEvent, any Error> {
        running(sample: id, library.follow(sample: id))
    }

    /// `stream`; with `.followedSample` the jobs of `sample` (its pipeline, its stem jobs) also
    /// run here while it is read.
    private func running(sample id: UUID, _ follow: AsyncThrowingStream<ProgressEvent, any Error>)
        -> AsyncThrowingStream<ProgressEvent, any Error>
    {
        guard workers == .followedSample else { return follow }
        let library = self.library
        let (stream, output) = AsyncThrowingStream<ProgressEvent, any Error>.makeStream()
        let task = Task {
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        try await JobRunner(library: library).run(workers: 1, sample: id, pollInterval: .milliseconds(150)) { false }
                    }
                    group.addTask {
                        for try await event in follow { output.yield(event) }
                    }
                    // The follow ends after the final event; the runner only by an error.
                    try await group.next()
                    group.cancelAll()
                }
                output.finish()
            } catch {
                output.finish(throwing: error)
            }
        }
        output.onTermination = { _ in task.cancel() }
        return stream
    }

    /// The stored `peaks.json`, decoded.
    public func peaks(of id: UUID) async throws -> Peaks {
        try decodePeaks(try await mapped { try await library.peaksData(of: id.uuidString) }, of: "sample \(id.uuidString)")
    }

    private func decodePeaks(_ data: Data, of subject: String) throws -> Peaks {
        do {
            return try JSONDecoder().decode(Peaks.self, from: data)
        } catch {
            throw SampleTokError(.storageUnreadable, "The stored peaks of \(subject) are damaged: \(error). `sampletok retry` makes them again.")
        }
    }

    /// The blob store's files (nil for a file that is missing).
    public func media(of sample: Sample) -> SampleMedia {
        media(of: sample.files)
    }

    /// The blob store's HLS files of a stem (nil for a file that is missing); its WAV and MP3
    /// are paid files, reached through `exportStem`, as on a server.
    public func media(of stem: Stem) -> SampleMedia {
        var media = media(of: stem.files)
        media.mp3 = nil
        media.wav = nil
        return media
    }

    private func media(of files: SampleFiles?) -> SampleMedia {
        func url(_ file: SampleFile?) -> URL? {
            guard let file, let key = try? BlobKey(file.key) else { return nil }
            if let local = library.blobs.localURL(for: key) { return local }
            // A bucket: its public URL, else a presigned one (not for a playlist, whose relative
            // segment URIs would not be signed: the player takes the MP3 then).
            if let address = library.blobs.publicURL(for: key) { return URL(string: address) }
            guard !key.isPaid, !file.key.hasSuffix(".m3u8") else { return nil }
            return library.blobs.presignedURL(for: key, seconds: library.configuration.storage.presignSeconds).flatMap(URL.init(string:))
        }
        return SampleMedia(hls: url(files?.hls), hlsFirstSegment: url(files?.hlsFirstSegment), mp3: url(files?.mp3), wav: url(files?.wav))
    }

    /// Copies the WAV or MP3 from the blob store (`Library.export`).
    public func export(_ idOrPrefix: String, format: ExportFormat, to folder: URL) async throws -> URL {
        try await mapped { try await library.export(idOrPrefix, format: format, to: folder) }
    }

    /// The library's jobs.
    public func jobs(includeDone: Bool) async throws -> [JobInfo] {
        try await mapped { try await library.jobs(includeDone: includeDone) }
    }

    /// Queues a failed or completed sample's job again.
    public func retry(_ idOrPrefix: String) async throws -> Sample {
        try await mapped { try await library.retry(idOrPrefix) }
    }

    /// The library's local user (created on first use with `SAMPLETOK_LOCAL_CREDITS` credits) and their ledger.
    public func me() async throws -> Account {
        try await mapped { try await library.account(as: try await localPrincipal) }
    }

    /// The local user's collections (`Library.collections(of:)`).
    public func collections() async throws -> [SampleCollection] {
        try await mapped { try await library.collections(as: try await localPrincipal) }
    }

    /// A collection of the local user's (`Library.createCollection`).
    public func createCollection(_ request: CollectionRequest) async throws -> SampleCollection {
        try await mapped { try await library.createCollection(request, as: try await localPrincipal) }
    }

    /// One of the local user's collections with its items.
    public func collection(_ idOrPrefix: String) async throws -> SampleCollection {
        try await mapped { try await library.collection(idOrPrefix, as: try await localPrincipal) }
    }

    /// Resets one of the local user's collections.
    public func resetCollection(_ idOrPrefix: String) async throws -> SampleCollection {
        try await mapped { try await library.resetCollection(idOrPrefix, as: try await localPrincipal) }
    }

    /// `Library.stemCatalog()`.
    public func stemCatalog() async throws -> StemCatalog {
        library.stemCatalog()
    }

    /// `Library.requestStems`, paid by the local user.
    public func requestStems(of idOrPrefix: String, stems: [StemType], provider: String?) async throws -> StemJob {
        try await mapped { try await library.requestStems(of: idOrPrefix, stems: stems, provider: provider, as: try await localPrincipal) }
    }

    /// `Library.stemJobs(of:for:)`: the local user's stem jobs of the sample.
    public func stemJobs(of idOrPrefix: String) async throws -> [StemJob] {
        try await mapped { try await library.stemJobs(of: idOrPrefix, as: try await localPrincipal) }
    }

    /// `Library.stemJob(_:for:)`: one of the local user's stem jobs.
    public func stemJob(_ id: UUID) async throws -> StemJob {
        try await mapped { try await library.stemJob(id, as: try await localPrincipal) }
    }

    /// `Library.follow(stemJob:)`; with `.followedSample` the stem job also runs here while the stream is read.
    public func stemEvents(of stemJobID: UUID) -> AsyncThrowingStream<ProgressEvent, any Error> {
        let library = self.library
        let (stream, output) = AsyncThrowingStream<ProgressEvent, any Error>.makeStream()
        let task = Task {
            do {
                let job = try await library.stemJob(stemJobID, as: try await localPrincipal)
                for try await event in running(sample: job.sampleID, library.follow(stemJob: stemJobID)) { output.yield(event) }
                output.finish()
            } catch {
                output.finish(throwing: error)
            }
        }
        output.onTermination = { _ in task.cancel() }
        return stream
    }

    /// The stem's stored `peaks.json`, decoded.
    public func stemPeaks(of stemID: UUID) async throws -> Peaks {
        try decodePeaks(try await mapped { try await library.stemPeaksData(of: stemID, as: try await localPrincipal) },
                        of: "stem \(stemID.uuidString)")
    }

    /// `Library.exportStem`, paid by the local user.
    public func exportStem(_ stemID: UUID, format: ExportFormat, to folder: URL) async throws -> URL {
        try await mapped { try await library.exportStem(stemID, format: format, to: folder, as: try await localPrincipal) }
    }

    /// Stops the background workers (their jobs' leases are handed back, so the next worker
    /// resumes them from their last checkpoint) and closes the library if `open` opened it.
    public func close() async {
        if let background {
            background.cancel()
            await background.value
            try? await library.releaseLeases()
        }
        if ownsLibrary { await library.close() }
    }

    /// Runs `body`, turning SQLite's busy errors (another process holding the library) into
    /// `library.busy`, which the app shows as it is.
    /// The library's local user, acting: the one who uses the app on this machine.
    private var localPrincipal: Principal {
        get async throws { try await library.localUser().principal }
    }

    private func mapped<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw SampleTokError.library(error) ?? error
        }
    }

}
