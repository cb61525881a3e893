import Foundation
import Model

/// The one interface the terminal app and the CLI use to reach a library, whether it is
/// embedded in this process (`EmbeddedClient`, calling `Engine`) or behind a server
/// (`RemoteClient`, HTTP over `Net`). Both answer with the same `Model` types and the same
/// `SampleTokError` codes, and one contract test suite runs against both.
public protocol SampleTokClient: Sendable {
    /// Where the library is, for people: `local library` or the server's URL.
    var location: String { get }

    /// One page of samples matching `query`.
    func list(_ query: SampleQuery) async throws -> ResultPage<Sample>

    /// How many samples match `query` (its page and limit aside): the count a page asked for
    /// without it (`SampleQuery.counted` false) leaves out.
    func count(_ query: SampleQuery) async throws -> Int

    /// Gets ready for a search about to be typed, so its first words answer sooner (a local
    /// library reads its search index's words now); best effort, nothing to wait for.
    func prepareSearch() async

    /// One sample, by id or a unique prefix of at least 4 of its hex digits.
    func sample(_ idOrPrefix: String) async throws -> Sample

    /// The samples that sound most like one (by id or unique prefix), by an aspect, passing the
    /// query's tempo and key filters, closest first (`sample.no_descriptor` for a sample without
    /// a sound descriptor).
    func similar(_ idOrPrefix: String, _ query: SimilarityQuery) async throws -> SimilarSamples

    /// Submits a URL (or, to a local library, a file path): a new pending sample, or the one
    /// already made from the same source.
    func submit(_ source: String) async throws -> SubmitOutcome

    /// Imports the media files inside a folder of this machine, recursively (as `sampletok
    /// import` does): each is submitted as `submit` submits a file. Only a local library reads
    /// this machine's folders; a server refuses (`request.invalid`).
    func importFolder(_ path: String) async throws -> FolderImport

    /// The progress of a sample's job as it happens. The stream ends after the event whose
    /// status is final (at once, with one final event, for a sample already completed or failed).
    func events(of id: UUID) -> AsyncThrowingStream<ProgressEvent, any Error>

    /// A completed sample's waveform peaks.
    func peaks(of id: UUID) async throws -> Peaks

    /// Where a completed sample's audio can be read: file URLs locally, http(s) URLs remotely.
    func media(of sample: Sample) -> SampleMedia

    /// Copies a completed sample's WAV or MP3 into `folder` (counting a download); returns the file.
    func export(_ idOrPrefix: String, format: ExportFormat, to folder: URL) async throws -> URL

    /// The pipeline's jobs: queued, running and retrying ones, and with `includeDone` the
    /// finished and failed ones too, newest first.
    func jobs(includeDone: Bool) async throws -> [JobInfo]

    /// Deletes a sample with its files and stems: any sample of a local library; on a server one
    /// the signed-in user submitted (an admin any; `sample.forbidden` otherwise). `sample.busy`
    /// while a worker is processing it.
    func delete(_ idOrPrefix: String) async throws

    /// Starts a failed (or completed) sample's job again.
    func retry(_ idOrPrefix: String) async throws -> Sample

    /// The signed-in user (the local user in an embedded library), their credit balance and
    /// latest ledger entries, newest first.
    func me() async throws -> Account

    /// The signed-in user's collections (the local user's in an embedded library), newest
    /// first, each with its progress and without its items.
    func collections() async throws -> [SampleCollection]

    /// Makes a collection of URLs or of a TikTok creator's posts, charged per item up front
    /// (`credits.insufficient` when the balance is short); its items are being submitted.
    func createCollection(_ request: CollectionRequest) async throws -> SampleCollection

    /// One collection (by id or a unique prefix of at least 4 hex digits) with its items: each
    /// item's URL, sample id, status and error.
    func collection(_ idOrPrefix: String) async throws -> SampleCollection

    /// Resets a stuck collection: its unfinished items are cancelled and their credits given
    /// back (`collection.finished` when none is left).
    func resetCollection(_ idOrPrefix: String) async throws -> SampleCollection

    /// Stars (`true`) or unstars a sample (by id or unique prefix) for the signed-in user (the
    /// local user in an embedded library); answers its star. Starring twice is starring once.
    func setStar(_ idOrPrefix: String, _ starred: Bool) async throws -> StarState

    /// The ids of the samples the signed-in user starred, most recently starred first (what
    /// `SampleQuery(starred: true)` lists).
    func stars() async throws -> [UUID]

    /// The signed-in user's crates, by name, each with its count and without its items.
    func crates() async throws -> [Crate]

    /// One of the user's crates (by name, id or a unique id prefix of 4+ hex digits) with its
    /// samples in order; `crate.not_found` for one that is not theirs.
    func crate(_ nameOrID: String) async throws -> Crate

    /// Makes an empty crate (`crate.name_invalid`, `crate.name_taken`).
    func createCrate(named name: String) async throws -> Crate

    /// Renames a crate (`crate.name_invalid`, `crate.name_taken`).
    func renameCrate(_ nameOrID: String, to name: String) async throws -> Crate

    /// Deletes a crate; its samples stay in the library.
    func deleteCrate(_ nameOrID: String) async throws

    /// Adds a sample (id or unique prefix) to a crate at `position` (from 1; nil: last). One
    /// already in it stays where it is.
    func addToCrate(_ nameOrID: String, sample idOrPrefix: String, at position: Int?) async throws -> Crate

    /// Moves a sample of a crate to `position` (from 1; past the end: last); `crate.item_not_found`
    /// when it is not in the crate.
    func moveInCrate(_ nameOrID: String, sample idOrPrefix: String, to position: Int) async throws -> Crate

    /// Takes a sample out of a crate (`crate.item_not_found` when it is not in it).
    func removeFromCrate(_ nameOrID: String, sample idOrPrefix: String) async throws -> Crate

    /// What the stem dialog shows before a request: every provider (configured or why not) with
    /// what it makes of each stem type, the credits per stem and per first download, and the
    /// most stems one request may ask for.
    func stemCatalog() async throws -> StemCatalog

    /// Requests `stems` of a completed sample from `provider` (nil: the default), paid by the
    /// signed-in user (2 credits a stem); answers the queued stem job. Refusals keep their codes:
    /// `credits.insufficient`, `stems.too_many`, `stems.unsupported`, `stems.provider_unconfigured`,
    /// `rate.limited` (its message says when to retry), `sample.not_ready`.
    func requestStems(of idOrPrefix: String, stems: [StemType], provider: String?) async throws -> StemJob

    /// A sample's stem jobs, newest first, each with its stems.
    func stemJobs(of idOrPrefix: String) async throws -> [StemJob]

    /// The stem jobs of several samples (the ones a page of the list shows), by sample, as
    /// `stemJobs(of:)` answers each; a sample that is not there has none.
    func stemJobs(ofSamples ids: [UUID]) async throws -> [UUID: [StemJob]]

    /// One stem job with its stems.
    func stemJob(_ id: UUID) async throws -> StemJob

    /// The progress of a stem job as it happens (events carry `stemJobID`; their status is the
    /// stem job's). The stream ends after the final event (at once for a finished stem job).
    func stemEvents(of stemJobID: UUID) -> AsyncThrowingStream<ProgressEvent, any Error>

    /// A completed stem's waveform peaks.
    func stemPeaks(of stemID: UUID) async throws -> Peaks

    /// Where a completed stem's audio can be auditioned: its HLS. Its WAV and MP3 are paid
    /// files (`exportStem`), so they are nil here.
    func media(of stem: Stem) -> SampleMedia

    /// Copies a completed stem's WAV or MP3 into `folder`; the signed-in user's first download
    /// of the stem costs 1 credit, later ones are free. Returns the file (`Stem.exportFileName`).
    func exportStem(_ stemID: UUID, format: ExportFormat, to folder: URL) async throws -> URL

    /// Ends background work and closes connections.
    func close() async
}

extension SampleTokClient {
    /// Nothing to get ready: a server keeps what its searches need.
    public func prepareSearch() async {}

    /// The total of the query's first page of one row (a server counts with every page).
    public func count(_ query: SampleQuery) async throws -> Int {
        var first = query
        first.page = 1
        first.limit = 1
        first.counted = nil
        return try await list(first).total
    }

    /// `stemJobs(of:)` for each sample, side by side (a client without a call for several).
    public func stemJobs(ofSamples ids: [UUID]) async throws -> [UUID: [StemJob]] {
        try await withThrowingTaskGroup(of: (UUID, [StemJob]).self) { group in
            for id in Set(ids) {
                group.addTask {
                    do {
                        return (id, try await stemJobs(of: id.uuidString))
                    } catch let error as SampleTokError where error.has(.sampleNotFound) {
                        return (id, [])
                    }
                }
            }
            var answer: [UUID: [StemJob]] = [:]
            for try await (id, jobs) in group { answer[id] = jobs }
            return answer
        }
    }
}
