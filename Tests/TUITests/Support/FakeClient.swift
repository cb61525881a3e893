import Client
import Foundation
import Model
import Synchronization

/// An in-memory library behind the client protocol, for the app's tests: it filters, sorts and
/// pages like the real one, and a submission runs through scripted job events.
final class FakeClient: SampleTokClient {
    private let samples: Mutex<[Sample]>
    /// The pipeline's jobs `jobs(includeDone:)` answers.
    let pipeline = Mutex<[JobInfo]>([])
    let location = "fake library"

    init(_ samples: [Sample]) {
        self.samples = Mutex(samples)
    }

    /// `count` completed samples titled `sample 0`, `sample 1`, … (the newest first), at
    /// 80 + i BPM, alternating between A minor and C major.
    static func library(_ count: Int, titles: [String] = []) -> FakeClient {
        let base = Date(timeIntervalSince1970: 1_700_000_000)
        let samples = (0..<count).map { i in
            FakeClient.sample(title: i < titles.count ? titles[i] : "sample \(i)", bpm: Double(80 + i % 100),
                              key: i % 2 == 0 ? MusicalKey(tonic: .a, scale: .minor) : MusicalKey(tonic: .c, scale: .major),
                              created: base.addingTimeInterval(-Double(i)))
        }
        return FakeClient(samples)
    }

    static func sample(title: String, bpm: Double = 96, key: MusicalKey? = MusicalKey(tonic: .a, scale: .minor),
                       status: SampleStatus = .completed, created: Date = Date(timeIntervalSince1970: 1_700_000_000)) -> Sample {
        Sample(id: UUID(), status: status, sourceURL: "https://example.com/\(title.replacingOccurrences(of: " ", with: "-")).mp4",
               canonicalURL: "https://example.com/\(title)", platform: "http", title: title, creator: "beatsbyx",
               stats: SampleStats(views: 1_200_000), duration: 12,
               analysis: AnalysisResult(durationSeconds: 12, bpm: bpm, bpmConfidence: 0.9, key: key, keyConfidence: 0.8,
                                        loudnessLUFS: -14),
               createdAt: created, updatedAt: created, completedAt: status == .completed ? created : nil)
    }

    /// The similarity searches asked for, in order.
    let similarQueries = Mutex<[(id: String, query: SimilarityQuery)]>([])

    /// Neighbours by tempo: the closer the BPM, the more similar (tonality: the key's Camelot
    /// number instead), the sample itself left out.
    func similar(_ idOrPrefix: String, _ query: SimilarityQuery) async throws -> SimilarSamples {
        similarQueries.withLock { $0.append((idOrPrefix, query)) }
        let all = samples.withLock { $0 }
        guard let target = all.first(where: { $0.id.uuidString.lowercased().hasPrefix(idOrPrefix.lowercased()) }) else {
            throw SampleTokError.sampleNotFound(idOrPrefix)
        }
        func distance(_ sample: Sample) -> Double {
            query.aspect == .tonality ? (sample.key == target.key ? 0 : 1) : abs((sample.bpm ?? 0) - (target.bpm ?? 0))
        }
        let items = all.filter { $0.id != target.id && query.admits(bpm: $0.bpm, camelot: $0.key?.camelot) }
            .sorted { distance($0) < distance($1) }
            .prefix(query.limit)
            .map { SimilarSample(sample: $0, similarity: 1 / (1 + distance($0))) }
        return SimilarSamples(sampleID: target.id, aspect: query.aspect, items: Array(items))
    }

    func list(_ query: SampleQuery) async throws -> ResultPage<Sample> {
        // The search text's fields narrow beside the query's own filters, as the library does.
        let syntax = query.searchSyntax
        func passes(_ sample: Sample, _ filters: SampleQuery) -> Bool {
            if let low = filters.bpmMin, (sample.bpm ?? 0) < low { return false }
            if let high = filters.bpmMax, (sample.bpm ?? .infinity) > high { return false }
            if let codes = filters.camelotCodes, !codes.contains(sample.key?.camelot ?? "") { return false }
            if let status = filters.status, sample.status != status, !(status == .processing && sample.status == .pending) { return false }
            if let starred = filters.starred, starredIDs.withLock({ $0.contains(sample.id) }) != starred { return false }
            return true
        }
        var matching = samples.withLock { $0 }.filter { sample in
            if let search = syntax?.text?.lowercased(),
               !search.split(separator: " ").allSatisfy({ (sample.title ?? "").lowercased().contains($0) }) {
                return false
            }
            return passes(sample, query) && passes(sample, syntax?.filters ?? SampleQuery())
        }
        switch query.sort ?? .newest {
        case .newest: matching.sort { $0.createdAt > $1.createdAt }
        case .oldest: matching.sort { $0.createdAt < $1.createdAt }
        case .bpm: matching.sort { ($0.bpm ?? .infinity) < ($1.bpm ?? .infinity) }
        case .duration: matching.sort { ($0.duration ?? 0) < ($1.duration ?? 0) }
        case .downloads: matching.sort { $0.downloadCount > $1.downloadCount }
        case .views: matching.sort { ($0.stats?.views ?? 0) > ($1.stats?.views ?? 0) }
        case .key: matching.sort { ($0.key.map { ($0.tonic.rawValue * 7 % 12) * 2 + ($0.scale == .minor ? 1 : 0) } ?? 99)
                                   < ($1.key.map { ($0.tonic.rawValue * 7 % 12) * 2 + ($0.scale == .minor ? 1 : 0) } ?? 99) }
        case .camelot: matching.sort { ($0.key.map { $0.camelotNumber * 2 + ($0.scale == .major ? 1 : 0) } ?? 99)
                                       < ($1.key.map { $0.camelotNumber * 2 + ($0.scale == .major ? 1 : 0) } ?? 99) }
        }
        if query.reverse == true { matching.reverse() }
        let start = min(matching.count, (query.page - 1) * query.limit)
        let items = Array(matching[start..<min(matching.count, start + query.limit)])
        // Without the count, as the library answers: a full page says only that more may follow.
        let uncounted = query.counted == false && items.count == query.limit
        return ResultPage(items: items, total: uncounted ? start + items.count + 1 : matching.count, page: query.page, limit: query.limit)
    }

    /// Adds a sample behind the app's back, as another process would.
    func add(_ sample: Sample) {
        samples.withLock { $0.append(sample) }
    }

    /// Changes a sample behind the app's back.
    func update(_ id: UUID, _ change: (inout Sample) -> Void) {
        samples.withLock { all in
            if let index = all.firstIndex(where: { $0.id == id }) { change(&all[index]) }
        }
    }

    func sample(_ idOrPrefix: String) async throws -> Sample {
        guard let sample = samples.withLock({ $0 }).first(where: { $0.id.uuidString.lowercased().hasPrefix(idOrPrefix.lowercased()) }) else {
            throw SampleTokError.sampleNotFound(idOrPrefix)
        }
        return sample
    }

    /// `https://…` makes a pending sample; anything else is refused as `link.unsupported`.
    func submit(_ source: String) async throws -> SubmitOutcome {
        guard source.hasPrefix("https://") else {
            throw SampleTokError.linkUnsupported("'\(source)' is not a link SampleTok can take: paste an https:// URL.")
        }
        if let known = samples.withLock({ $0 }).first(where: { $0.sourceURL == source }) {
            return SubmitOutcome(sample: known, created: false)
        }
        let now = Date()
        let sample = Sample(id: UUID(), status: .pending, sourceURL: source, canonicalURL: source, platform: "http",
                            title: "new clip", createdAt: now, updatedAt: now)
        samples.withLock { $0.append(sample) }
        return SubmitOutcome(sample: sample, created: true)
    }

    /// resolve → download → process, then completed (the sample is completed when the stream ends).
    func events(of id: UUID) -> AsyncThrowingStream<ProgressEvent, any Error> {
        let steps: [(String, Double, String)] = [("resolve", 1, "resolved"), ("download", 0.5, "downloading"),
                                                 ("process", 0.5, "encoding mp3")]
        let (stream, continuation) = AsyncThrowingStream<ProgressEvent, any Error>.makeStream()
        for (index, step) in steps.enumerated() {
            continuation.yield(ProgressEvent(sampleID: id, step: step.0, fraction: step.1, message: step.2, status: .processing,
                                             sequence: index))
        }
        samples.withLock { all in
            if let index = all.firstIndex(where: { $0.id == id }) {
                all[index].status = .completed
                all[index].duration = 7
            }
        }
        continuation.yield(ProgressEvent(sampleID: id, step: "done", fraction: 1, message: "done", status: .completed, sequence: 9))
        continuation.finish()
        return stream
    }

    /// The `.wav` files of a real folder become pending samples; its `.txt` files are refused.
    func importFolder(_ path: String) async throws -> FolderImport {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path))?.sorted() ?? []
        var submitted: [(path: String, outcome: SubmitOutcome)] = []
        var refused: [FolderImport.Refusal] = []
        for name in names {
            let file = path + "/" + name
            if name.hasSuffix(".txt") {
                refused.append(FolderImport.Refusal(path: file, error: SampleTokError(code: "media.unreadable", message: "Not audio.")))
                continue
            }
            guard name.hasSuffix(".wav") else { continue }
            let now = Date()
            let sample = Sample(id: UUID(), status: .pending, sourceURL: file, canonicalURL: file, platform: "local",
                                title: String(name.dropLast(4)), createdAt: now, updatedAt: now)
            samples.withLock { $0.append(sample) }
            submitted.append((file, SubmitOutcome(sample: sample, created: true)))
        }
        return FolderImport(folder: path, submitted: submitted, refused: refused)
    }

    func peaks(of id: UUID) async throws -> Peaks {
        let bins = 256
        let max = (0..<bins).map { Float($0) / Float(bins - 1) }
        return Peaks(frames: 48_000 * 12, levels: [PeakLevel(samplesPerBin: 48_000 * 12 / bins, min: max.map { -$0 }, max: max)])
    }

    func media(of sample: Sample) -> SampleMedia {
        SampleMedia(hls: URL(fileURLWithPath: "/nonexistent/\(sample.id)/index.m3u8"))
    }

    func export(_ idOrPrefix: String, format: ExportFormat, to folder: URL) async throws -> URL {
        let sample = try await sample(idOrPrefix)
        update(sample.id) { $0.downloadCount += 1 }
        let file = folder.appendingPathComponent(sample.exportFileName(format))
        // A real file where the folder can be made (the tests of overwrite / keep both read them).
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? Data("\(sample.id)".utf8).write(to: file)
        return file
    }

    func jobs(includeDone: Bool) async throws -> [JobInfo] { pipeline.withLock { $0 } }

    /// Retrying makes a failed sample pending again.
    func retry(_ idOrPrefix: String) async throws -> Sample {
        let id = try await sample(idOrPrefix).id
        update(id) { $0.status = .pending; $0.error = nil }
        return try await sample(idOrPrefix)
    }

    /// Deleting takes the sample out of the library; `busy` ones are refused as `sample.busy`.
    func delete(_ idOrPrefix: String) async throws {
        let sample = try await sample(idOrPrefix)
        if sample.status == .processing { throw SampleTokError(code: "sample.busy", message: "It is being processed right now.") }
        samples.withLock { $0.removeAll { $0.id == sample.id } }
    }

    /// The local user's balance `me()` answers.
    let balance = Mutex(10)

    /// The signed-in user's id (the owner of the stem jobs made here).
    static let userID = UUID(uuidString: "00000000-0000-0000-0000-00000000a11c") ?? UUID()
    /// What the first export of a finished stem costs here (not the default 1: the app must show the client's price).
    static let stemExportCost = 2

    func me() async throws -> Account {
        Account(user: User(id: Self.userID, name: "local", credits: balance.withLock { $0 }, isAdmin: false,
                           createdAt: Date(timeIntervalSince1970: 0)),
                ledger: [])
    }

    /// The starred samples' ids, most recent first.
    let starredIDs = Mutex<[UUID]>([])
    /// The crates, in the order they were made.
    let crateList = Mutex<[Crate]>([])

    func setStar(_ idOrPrefix: String, _ starred: Bool) async throws -> StarState {
        let id = try await sample(idOrPrefix).id
        starredIDs.withLock { ids in
            ids.removeAll { $0 == id }
            if starred { ids.insert(id, at: 0) }
        }
        return StarState(sampleID: id, starred: starred)
    }

    func stars() async throws -> [UUID] { starredIDs.withLock { $0 } }

    func crates() async throws -> [Crate] {
        crateList.withLock { $0 }.map { var crate = $0; crate.items = nil; return crate }
            .sorted { $0.name.localizedCaseInsensitiveCompare($1.name) == .orderedAscending }
    }

    func crate(_ nameOrID: String) async throws -> Crate {
        guard let crate = crateList.withLock({ $0 }).first(where: { $0.name == nameOrID || $0.id.uuidString.lowercased().hasPrefix(nameOrID.lowercased()) })
        else { throw SampleTokError.crateNotFound(nameOrID) }
        return crate
    }

    func createCrate(named name: String) async throws -> Crate {
        let name = try Crate.validName(name)
        if crateList.withLock({ $0 }).contains(where: { $0.name == name }) {
            throw SampleTokError(.crateNameTaken, "You already have a crate called '\(name)'.")
        }
        let crate = Crate(id: UUID(), name: name, count: 0, items: [], createdAt: Date(), updatedAt: Date())
        crateList.withLock { $0.append(crate) }
        return crate
    }

    func renameCrate(_ nameOrID: String, to name: String) async throws -> Crate {
        try await change(nameOrID) { $0.name = try Crate.validName(name) }
    }

    func deleteCrate(_ nameOrID: String) async throws {
        let id = try await crate(nameOrID).id
        crateList.withLock { $0.removeAll { $0.id == id } }
    }

    func addToCrate(_ nameOrID: String, sample idOrPrefix: String, at position: Int?) async throws -> Crate {
        let sample = try await sample(idOrPrefix)
        return try await change(nameOrID) { crate in
            var items = crate.items ?? []
            guard !items.contains(where: { $0.sample.id == sample.id }) else { return }
            items.insert(CrateItem(position: 0, addedAt: Date(), sample: sample), at: min(max(0, (position ?? Int.max) - 1), items.count))
            crate.items = items
        }
    }

    func moveInCrate(_ nameOrID: String, sample idOrPrefix: String, to position: Int) async throws -> Crate {
        let id = try await sample(idOrPrefix).id
        return try await change(nameOrID) { crate in
            var items = crate.items ?? []
            guard let from = items.firstIndex(where: { $0.sample.id == id }) else { throw SampleTokError(.crateItemNotFound, "not in the crate") }
            let item = items.remove(at: from)
            items.insert(item, at: min(max(0, position - 1), items.count))
            crate.items = items
        }
    }

    func removeFromCrate(_ nameOrID: String, sample idOrPrefix: String) async throws -> Crate {
        let id = try await sample(idOrPrefix).id
        return try await change(nameOrID) { crate in
            guard crate.items?.contains(where: { $0.sample.id == id }) == true else { throw SampleTokError(.crateItemNotFound, "not in the crate") }
            crate.items?.removeAll { $0.sample.id == id }
        }
    }

    /// Applies `body` to a crate, numbering its items 1…n again.
    private func change(_ nameOrID: String, _ body: (inout Crate) throws -> Void) async throws -> Crate {
        var crate = try await crate(nameOrID)
        try body(&crate)
        crate.items = (crate.items ?? []).enumerated().map { index, item in
            CrateItem(position: index + 1, addedAt: item.addedAt, sample: item.sample)
        }
        crate.count = crate.items?.count ?? 0
        let changed = crate
        crateList.withLock { list in
            if let index = list.firstIndex(where: { $0.id == changed.id }) { list[index] = changed }
        }
        return changed
    }

    /// The collections made through `createCollection`, newest first.
    let madeCollections = Mutex<[SampleCollection]>([])

    func collections() async throws -> [SampleCollection] {
        madeCollections.withLock { $0.map { var c = $0; c.items = nil; return c } }
    }

    /// Makes a collection of pending items, 1 credit each; a TikTok creator is refused.
    func createCollection(_ request: CollectionRequest) async throws -> SampleCollection {
        guard let urls = request.urls else {
            throw SampleTokError(code: "sources.unconfigured", message: "TikTok is not configured: set RAPIDAPI_KEY.")
        }
        let items = urls.enumerated().map { SampleCollectionItem(id: UUID(), position: $0.offset, url: $0.element, sampleID: nil,
                                                                 status: .pending, error: nil) }
        let made = SampleCollection(id: UUID(), owner: "local", source: "urls", tiktokUser: nil, status: .processing,
                                    progress: SampleCollectionProgress(items.map(\.status)), creditsCharged: items.count,
                                    creditsRefunded: 0, items: items, createdAt: Date(), resetAt: nil)
        madeCollections.withLock { $0.insert(made, at: 0) }
        return made
    }

    /// Ends every item of every collection: the first of each fails (refunded), the others complete.
    func finishCollections() {
        madeCollections.withLock { all in
            for index in all.indices {
                var items = all[index].items ?? []
                for i in items.indices {
                    items[i].status = i == 0 ? .failed : .completed
                    if i == 0 { items[i].error = SampleTokError(code: "fetch.http_status", message: "404 Not Found") }
                }
                all[index].items = items
                all[index].progress = SampleCollectionProgress(items.map(\.status))
                all[index].status = .finished
                all[index].creditsRefunded = 1
            }
        }
    }

    func collection(_ idOrPrefix: String) async throws -> SampleCollection {
        guard let found = madeCollections.withLock({ $0.first { $0.id.uuidString.lowercased().hasPrefix(idOrPrefix.lowercased()) } })
        else { throw SampleTokError.collectionNotFound(idOrPrefix) }
        return found
    }

    func resetCollection(_ idOrPrefix: String) async throws -> SampleCollection { throw SampleTokError.collectionNotFound(idOrPrefix) }

    /// Whether LALAL.AI is configured in the catalog (it makes every type when it is).
    let lalalConfigured = Mutex(false)
    /// A refusal every stem request gets, when set.
    let stemRefusal = Mutex<SampleTokError?>(nil)
    /// The stem jobs made, newest first.
    let madeStemJobs = Mutex<[StemJob]>([])

    /// `local` makes drum (and estimates vocal and bass); LALAL.AI is not configured unless `lalalConfigured`.
    func stemCatalog() async throws -> StemCatalog {
        let local = StemType.allCases.map { type -> StemOffer in
            switch type {
            case .drum: return StemOffer(type: type, support: .supported)
            case .vocal, .bass: return StemOffer(type: type, support: .estimate, reason: "a DSP estimate")
            default: return StemOffer(type: type, support: .unsupported, reason: "needs a learned model: choose LALAL.AI")
            }
        }
        let configured = lalalConfigured.withLock { $0 }
        let lalal = configured
            ? StemProvider(name: "lalal", displayName: "LALAL.AI", configured: true, reason: nil,
                           stems: StemType.allCases.map { StemOffer(type: $0, support: .supported) })
            : StemProvider(name: "lalal", displayName: "LALAL.AI", configured: false, reason: "set LALAL_API_KEY",
                           stems: StemType.allCases.map { StemOffer(type: $0, support: .unsupported, reason: "set LALAL_API_KEY") })
        return StemCatalog(providers: [StemProvider(name: "local", displayName: "local (offline)", configured: true, reason: nil, stems: local), lalal],
                           defaultProvider: "local", costPerStem: 2, downloadCost: 1, maxStemsPerRequest: 5)
    }

    /// Refuses with `stemRefusal` when set; else charges 2 credits a stem and queues a stem job.
    func requestStems(of idOrPrefix: String, stems: [StemType], provider: String?) async throws -> StemJob {
        if let refusal = stemRefusal.withLock({ $0 }) { throw refusal }
        let sample = try await sample(idOrPrefix)
        let cost = 2 * stems.count
        try balance.withLock { balance in
            guard balance >= cost else { throw SampleTokError.insufficientCredits(cost: cost, balance: balance) }
            balance -= cost
        }
        let id = UUID()
        let now = Date(timeIntervalSince1970: 1_700_000_100)
        let job = StemJob(id: id, sampleID: sample.id, userID: Self.userID, provider: provider ?? "local", requested: stems, status: .pending,
                          cost: cost, stems: stems.map { Stem(id: UUID(), stemJobID: id, sampleID: sample.id, type: $0, status: .pending,
                                                              estimate: $0 != .drum, createdAt: now) },
                          createdAt: now, updatedAt: now)
        madeStemJobs.withLock { $0.insert(job, at: 0) }
        return job
    }

    func stemJobs(of idOrPrefix: String) async throws -> [StemJob] {
        let sample = try await sample(idOrPrefix)
        return madeStemJobs.withLock { $0.filter { $0.sampleID == sample.id } }
    }

    func stemJob(_ id: UUID) async throws -> StemJob {
        guard let job = madeStemJobs.withLock({ $0.first { $0.id == id } }) else { throw SampleTokError.stemJobNotFound(id.uuidString) }
        return job
    }

    /// separate → process → store → save, then completed: each stem 12 s at 120 BPM (confident) in A minor.
    func stemEvents(of stemJobID: UUID) -> AsyncThrowingStream<ProgressEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream<ProgressEvent, any Error>.makeStream()
        guard let job = madeStemJobs.withLock({ $0.first { $0.id == stemJobID } }) else {
            continuation.finish(throwing: SampleTokError.stemJobNotFound(stemJobID.uuidString))
            return stream
        }
        for (index, step) in [("separate", 0.5, "separating"), ("process", 0.5, "encoding"), ("store", 1.0, "storing"),
                              ("save", 1.0, "saving")].enumerated() {
            continuation.yield(ProgressEvent(sampleID: job.sampleID, step: step.0, fraction: step.1, message: step.2,
                                             status: .processing, sequence: index, stemJobID: stemJobID))
        }
        madeStemJobs.withLock { all in
            guard let index = all.firstIndex(where: { $0.id == stemJobID }) else { return }
            all[index].status = .completed
            for i in all[index].stems.indices {
                all[index].stems[i].status = .completed
                all[index].stems[i].exportCost = Self.stemExportCost
                all[index].stems[i].duration = 12
                all[index].stems[i].analysis = AnalysisResult(durationSeconds: 12, bpm: 120, bpmConfidence: 0.8,
                                                              key: MusicalKey(tonic: .a, scale: .minor), keyConfidence: 0.3,
                                                              loudnessLUFS: -18)
            }
        }
        continuation.yield(ProgressEvent(sampleID: job.sampleID, step: "done", fraction: 1, message: "done", status: .completed,
                                         sequence: 9, stemJobID: stemJobID))
        continuation.finish()
        return stream
    }

    func stemPeaks(of stemID: UUID) async throws -> Peaks { try await peaks(of: stemID) }

    func media(of stem: Stem) -> SampleMedia {
        SampleMedia(hls: URL(fileURLWithPath: "/nonexistent/stems/\(stem.id)/index.m3u8"))
    }

    /// Counts the download and names the file after the stem type; a folder under `/proc` cannot
    /// be made (nothing counted), as the real clients say.
    func exportStem(_ stemID: UUID, format: ExportFormat, to folder: URL) async throws -> URL {
        if folder.path.hasPrefix("/proc/") {
            throw SampleTokError(code: "output.unwritable", message: "Cannot create the folder \(folder.path).")
        }
        let type = madeStemJobs.withLock { all -> StemType? in
            for j in all.indices {
                guard let i = all[j].stems.firstIndex(where: { $0.id == stemID }) else { continue }
                all[j].stems[i].downloadCount += 1
                all[j].stems[i].exportCost = 0
                return all[j].stems[i].type
            }
            return nil
        }
        guard let type else { throw SampleTokError.stemNotFound(stemID.uuidString) }
        return folder.appendingPathComponent("\(type.rawValue).\(format.rawValue)")
    }

    func close() async {}
}
