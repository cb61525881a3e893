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
            if let demoFolder { added = try await library.samples.importDemoIfNew(from: demoFolder) }
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
        try await mapped { try await library.samples.list(query, as: try await viewer(of: query)) }
    }

    /// How many of the library's samples match.
    public func count(_ query: SampleQuery) async throws -> Int {
        try await mapped { try await library.samples.count(query, as: try await viewer(of: query)) }
    }

    /// The local user, for a query whose starred filter reads their stars (the one read it
    /// costs only then); nil otherwise.
    private func viewer(of query: SampleQuery) async throws -> Principal? {
        query.starred != nil || query.searchSyntax?.filters.starred != nil ? try await localPrincipal : nil
    }

    /// Reads the search index's words before the first word of a search needs them.
    public func prepareSearch() async {
        try? await library.samples.prepareSearch()
    }

    /// One sample by id or unique prefix (read here, at the edge: the library takes full ids).
    public func sample(_ idOrPrefix: String) async throws -> Sample {
        try await mapped { try await library.samples.sample(try await library.samples.id(matching: idOrPrefix)) }
    }

    /// The neighbours of a sample by id or unique prefix (`SampleService.similar`).
    public func similar(_ idOrPrefix: String, _ query: SimilarityQuery) async throws -> SimilarSamples {
        try await mapped { try await library.samples.similar(to: try await library.samples.id(matching: idOrPrefix), query) }
    }

    /// Submits a URL or a local file path.
    public func submit(_ source: String) async throws -> SubmitOutcome {
        try await mapped { try await library.samples.submit(source) }
    }

    /// The media files of a folder, each submitted (`SampleService.importFiles`); a path that is
    /// not a folder is refused as `media.not_found`.
    public func importFolder(_ path: String) async throws -> FolderImport {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SampleTokError(.mediaNotFound, "No folder at '\(path)'.")
        }
        let outcomes = try await mapped { try await library.samples.importFiles([path]) }
        var submitted: [(path: String, outcome: SubmitOutcome)] = []
        var refused: [FolderImport.Refusal] = []
        for (file, result) in outcomes {
            switch result {
            case .success(let outcome): submitted.append((file, outcome))
            case .failure(let error): refused.append(FolderImport.Refusal(path: file, error: error))
            }
        }
        return FolderImport(folder: path, submitted: submitted, refused: refused)
    }

    /// `JobService.follow(.sample(id))`; with `.followedSample` the job also runs here while the stream is read.
    public func events(of id: UUID) -> AsyncThrowingStream<ProgressEvent, any Error> {
        running(sample: id, library.jobs.follow(.sample(id)))
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
        try await peaks(of: .sample(id), as: nil)
    }

    /// The stored `peaks.json` of a sample or a stem, decoded: one path for both.
    private func peaks(of asset: AudioAssetID, as viewer: Principal?) async throws -> Peaks {
        let data = try await mapped { try await library.assets.peaks(of: asset, as: viewer) }
        do {
            return try JSONDecoder().decode(Peaks.self, from: data)
        } catch {
            let subject = switch asset {
            case .sample(let id): "sample \(id.uuidString)"
            case .stem(let id): "stem \(id.uuidString)"
            }
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

    /// Copies the WAV or MP3 from the blob store (`AssetService.export`).
    public func export(_ idOrPrefix: String, format: ExportFormat, to folder: URL) async throws -> URL {
        try await mapped { try await library.assets.export(.sample(try await library.samples.id(matching: idOrPrefix)), format: format, to: folder) }
    }

    /// The library's jobs.
    public func jobs(includeDone: Bool) async throws -> [JobInfo] {
        try await mapped { try await library.jobs.list(includeDone: includeDone) }
    }

    /// Deletes a sample of the local library, its files and stems (`SampleService.delete`).
    public func delete(_ idOrPrefix: String) async throws {
        try await mapped { try await library.samples.delete(try await library.samples.id(matching: idOrPrefix)) }
    }

    /// Queues a failed or completed sample's job again.
    public func retry(_ idOrPrefix: String) async throws -> Sample {
        try await mapped { try await library.samples.retry(try await library.samples.id(matching: idOrPrefix)) }
    }

    /// The library's local user (created on first use with `SAMPLETOK_LOCAL_CREDITS` credits) and their ledger.
    public func me() async throws -> Account {
        try await mapped { try await library.accounts.account(as: try await localPrincipal) }
    }

    /// The local user's collections (`CollectionService.list(as:)`).
    public func collections() async throws -> [SampleCollection] {
        try await mapped { try await library.collections.list(as: try await localPrincipal) }
    }

    /// A collection of the local user's (`CollectionService.create`).
    public func createCollection(_ request: CollectionRequest) async throws -> SampleCollection {
        try await mapped { try await library.collections.create(request, as: try await localPrincipal) }
    }

    /// One of the local user's collections with its items.
    public func collection(_ idOrPrefix: String) async throws -> SampleCollection {
        try await mapped {
            let user = try await localPrincipal
            return try await library.collections.collection(try await library.collections.id(matching: idOrPrefix, as: user), as: user)
        }
    }

    /// Resets one of the local user's collections.
    public func resetCollection(_ idOrPrefix: String) async throws -> SampleCollection {
        try await mapped {
            let user = try await localPrincipal
            return try await library.collections.reset(try await library.collections.id(matching: idOrPrefix, as: user), as: user)
        }
    }

    /// `CrateService.setStar`, for the local user.
    public func setStar(_ idOrPrefix: String, _ starred: Bool) async throws -> StarState {
        try await mapped {
            let id = try await library.samples.id(matching: idOrPrefix)
            return StarState(sampleID: id, starred: try await library.crates.setStar(id, starred, as: try await localPrincipal))
        }
    }

    /// The local user's starred samples.
    public func stars() async throws -> [UUID] {
        try await mapped { try await library.crates.stars(as: try await localPrincipal) }
    }

    /// The local user's crates.
    public func crates() async throws -> [Crate] {
        try await mapped { try await library.crates.list(as: try await localPrincipal) }
    }

    /// One of the local user's crates with its samples.
    public func crate(_ nameOrID: String) async throws -> Crate {
        try await crateAction(nameOrID) { crates, id, user in try await crates.crate(id, as: user) }
    }

    /// `CrateService.create`, for the local user.
    public func createCrate(named name: String) async throws -> Crate {
        try await mapped { try await library.crates.create(named: name, as: try await localPrincipal) }
    }

    /// `CrateService.rename`.
    public func renameCrate(_ nameOrID: String, to name: String) async throws -> Crate {
        try await crateAction(nameOrID) { crates, id, user in try await crates.rename(id, to: name, as: user) }
    }

    /// `CrateService.delete`.
    public func deleteCrate(_ nameOrID: String) async throws {
        _ = try await crateAction(nameOrID) { crates, id, user in try await crates.delete(id, as: user) }
    }

    /// `CrateService.add`.
    public func addToCrate(_ nameOrID: String, sample idOrPrefix: String, at position: Int?) async throws -> Crate {
        let sample = try await mapped { try await library.samples.id(matching: idOrPrefix) }
        return try await crateAction(nameOrID) { crates, id, user in try await crates.add(sample, to: id, at: position, as: user) }
    }

    /// `CrateService.move`.
    public func moveInCrate(_ nameOrID: String, sample idOrPrefix: String, to position: Int) async throws -> Crate {
        let sample = try await mapped { try await library.samples.id(matching: idOrPrefix) }
        return try await crateAction(nameOrID) { crates, id, user in try await crates.move(sample, in: id, to: position, as: user) }
    }

    /// `CrateService.remove`.
    public func removeFromCrate(_ nameOrID: String, sample idOrPrefix: String) async throws -> Crate {
        let sample = try await mapped { try await library.samples.id(matching: idOrPrefix) }
        return try await crateAction(nameOrID) { crates, id, user in try await crates.remove(sample, from: id, as: user) }
    }

    /// Runs `body` on the local user's crate that `nameOrID` names (read here, at the edge).
    private func crateAction<T>(_ nameOrID: String, _ body: (CrateService, UUID, Principal) async throws -> T) async throws -> T {
        try await mapped {
            let user = try await localPrincipal
            return try await body(library.crates, try await library.crates.id(matching: nameOrID, as: user), user)
        }
    }

    /// `StemService.catalog()`.
    public func stemCatalog() async throws -> StemCatalog {
        library.stems.catalog()
    }

    /// `StemService.request`, paid by the local user.
    public func requestStems(of idOrPrefix: String, stems: [StemType], provider: String?) async throws -> StemJob {
        try await mapped {
            let sampleID = try await library.samples.id(matching: idOrPrefix)
            return try await library.stems.request(of: sampleID, stems: stems, provider: provider, as: try await localPrincipal)
        }
    }

    /// `StemService.jobs(of:as:)`: the local user's stem jobs of the sample.
    public func stemJobs(of idOrPrefix: String) async throws -> [StemJob] {
        try await mapped { try await library.stems.jobs(of: try await library.samples.id(matching: idOrPrefix), as: try await localPrincipal) }
    }

    /// `StemService.jobs(ofSamples:as:)`: the local user's stem jobs of several samples (one
    /// statement finds the few that have any).
    public func stemJobs(ofSamples ids: [UUID]) async throws -> [UUID: [StemJob]] {
        try await mapped { try await library.stems.jobs(ofSamples: ids, as: try await localPrincipal) }
    }

    /// `StemService.stemJob(_:as:)`: one of the local user's stem jobs.
    public func stemJob(_ id: UUID) async throws -> StemJob {
        try await mapped { try await library.stems.stemJob(id, as: try await localPrincipal) }
    }

    /// `JobService.follow(.stemJob(id))`; with `.followedSample` the stem job also runs here while the stream is read.
    public func stemEvents(of stemJobID: UUID) -> AsyncThrowingStream<ProgressEvent, any Error> {
        let library = self.library
        let (stream, output) = AsyncThrowingStream<ProgressEvent, any Error>.makeStream()
        let task = Task {
            do {
                let job = try await library.stems.stemJob(stemJobID, as: try await localPrincipal)
                for try await event in running(sample: job.sampleID, library.jobs.follow(.stemJob(stemJobID))) { output.yield(event) }
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
        try await peaks(of: .stem(stemID), as: try await localPrincipal)
    }

    /// `AssetService.export` of a stem, paid by the local user.
    public func exportStem(_ stemID: UUID, format: ExportFormat, to folder: URL) async throws -> URL {
        try await mapped { try await library.assets.export(.stem(stemID), format: format, to: folder, as: try await localPrincipal) }
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
        get async throws { try await library.accounts.localPrincipal() }
    }

    private func mapped<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw SampleTokError.library(error) ?? error
        }
    }

}
