import FluentKit
import Foundation
import Model
import SQLKit

extension Library {
    /// The stem dialog's catalog: every provider with what it makes of each stem type, the
    /// price per stem and per first download, and the per-request maximum.
    public func stemCatalog() -> StemCatalog {
        StemCatalog(providers: stemProviders.providers(), defaultProvider: StemProviderRegistry.known[0].name,
                    costPerStem: configuration.stemCost, downloadCost: configuration.stemDownloadCost,
                    maxStemsPerRequest: configuration.maxStemsPerRequest)
    }

    /// Accepts a stem request by `user` for a completed sample: checks the stems (1 to
    /// `maxStemsPerRequest` distinct types, each one the provider can make) and the provider
    /// (known and configured), then in ONE transaction charges `stemCost` per stem, creates the
    /// stem job, its stems and its durable job (kind `stems`). Refusals: `stems.none`,
    /// `stems.too_many`, `stems.provider_unknown`, `stems.provider_unconfigured`,
    /// `stems.unsupported`, `sample.not_ready`, `credits.insufficient`, and
    /// `stems.already_requested` when `user` already has one of the stems from this provider
    /// (completed or in progress; a failed one may be asked for again): nothing is charged.
    public func requestStems(of idOrPrefix: String, stems: [StemType], provider: String? = nil, as principal: Principal) async throws -> StemJob {
        let user = principal.id
        var types: [StemType] = []
        for type in stems where !types.contains(type) { types.append(type) }
        guard !types.isEmpty else {
            throw SampleTokError(.stemsNone, "Choose at least one stem type (\(StemType.allCases.map(\.rawValue).joined(separator: ", "))).")
        }
        let limit = configuration.maxStemsPerRequest
        guard types.count <= limit else {
            throw SampleTokError(.stemsTooMany, "At most \(limit) stems per request; you asked for \(types.count). Split them over two requests.")
        }
        let providerName = (provider ?? StemProviderRegistry.known[0].name).lowercased()
        let separator = try stemProviders.separator(providerName)
        for type in types {
            switch separator.support(for: type) {
            case .supported, .estimate: continue
            case .unsupported(let reason):
                throw SampleTokError(.stemsUnsupported, "The \(providerName) provider cannot make the \(type.displayName) stem: \(reason).")
            }
        }
        let model = try await resolve(idOrPrefix)
        let sample = try model.sample()
        guard sample.status == .completed, sample.files?.wav != nil else {
            throw SampleTokError.sampleNotReady(sample.id.uuidString, status: sample.status)
        }
        let held = try await heldStems(of: sample.id, user: user, provider: providerName, types: types, on: db)
        guard held.isEmpty else { throw SampleTokError.stemsAlreadyRequested(held, provider: providerName) }
        let id = UUID()
        let cost = configuration.stemCost * types.count
        let now = Date().timeIntervalSince1970
        let stemJob = StemJobModel()
        stemJob.id = id
        stemJob.sampleID = sample.id
        stemJob.userID = user
        stemJob.provider = providerName
        stemJob.requested = types.map(\.rawValue).joined(separator: ",")
        stemJob.status = SampleStatus.pending.rawValue
        stemJob.cost = cost
        stemJob.createdAt = now
        stemJob.updatedAt = now
        let rows = types.map { type -> StemModel in
            let stem = StemModel()
            stem.id = UUID()
            stem.stemJobID = id
            stem.sampleID = sample.id
            stem.type = type.rawValue
            stem.status = SampleStatus.pending.rawValue
            if case .estimate = separator.support(for: type) { stem.estimate = true } else { stem.estimate = false }
            stem.downloadCount = 0
            stem.createdAt = now
            return stem
        }
        let job = JobQueue.makeJob(kind: JobKind.stems.rawValue, sampleID: sample.id, source: "stems \(types.map(\.rawValue).joined(separator: ",")) of \(sample.title ?? sample.sourceURL)",
                                   maxAttempts: configuration.maxAttempts, userID: user)
        job.id = id
        let wanted = types
        try await db.transaction { db in
            try await CreditLedger(on: db).charge(user: user, amount: cost, reason: .stemsCharge, reference: id)
            // Again after the charge, which locks the user's row: of two identical requests at
            // once, the second sees the first's stems here and rolls its charge back.
            let raced = try await self.heldStems(of: sample.id, user: user, provider: providerName, types: wanted, on: db)
            guard raced.isEmpty else { throw SampleTokError.stemsAlreadyRequested(raced, provider: providerName) }
            try await stemJob.create(on: db)
            for row in rows { try await row.create(on: db) }
            try await job.create(on: db)
        }
        return stemJob.stemJob(stems: try rows.map { try $0.stem() })
    }

    /// The stem types of `types` that `user` already has of a sample from `provider`, or has
    /// asked for and not yet received (a failed stem does not count).
    func heldStems(of sampleID: UUID, user: UUID, provider: String, types: [StemType], on db: any Database) async throws -> [StemType] {
        let jobs = try await StemJobModel.query(on: db).filter(\.$sampleID == sampleID).filter(\.$userID == user)
            .filter(\.$provider == provider).filter(\.$status != SampleStatus.failed.rawValue).all()
        let ids = jobs.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let stems = try await StemModel.query(on: db).filter(\.$stemJobID ~~ ids).filter(\.$type ~~ types.map(\.rawValue))
            .filter(\.$status != SampleStatus.failed.rawValue).all()
        let held = Set(stems.map(\.type))
        return types.filter { held.contains($0.rawValue) }
    }

    /// Whether `viewer` may see stem work of `owner`: its owner or an admin; nil is the library
    /// itself (the CLI and tests on a local library), which sees everything. Everyone else is
    /// told it does not exist, as for collections.
    static func mayView(stemsOf owner: UUID, _ viewer: Principal?) -> Bool {
        guard let viewer else { return true }
        return viewer.id == owner || viewer.isAdmin
    }

    /// A sample's stem jobs that `viewer` may see (see `mayView`), newest first, each with its stems.
    public func stemJobs(of idOrPrefix: String, as viewer: Principal? = nil) async throws -> [StemJob] {
        let model = try await resolve(idOrPrefix)
        guard let sampleID = model.id else { throw SampleTokError.sampleNotFound(idOrPrefix) }
        var query = StemJobModel.query(on: db).filter(\.$sampleID == sampleID)
        if let viewer, !viewer.isAdmin { query = query.filter(\.$userID == viewer.id) }
        let jobs = try await query.sort(\.$createdAt, .descending).all()
        let ids = jobs.compactMap(\.id)
        let stems = ids.isEmpty ? [] : try await priced(StemModel.query(on: db).filter(\.$stemJobID ~~ ids).all().map { try $0.stem() },
                                                        for: viewer)
        return jobs.map { job in
            job.stemJob(stems: stems.filter { $0.stemJobID == job.id }.sorted { $0.type < $1.type })
        }
    }

    /// `stems` with what `viewer`'s next download of each costs (`Stem.exportCost`): the
    /// download price until they have paid it once, then 0. Unchanged without a viewer.
    func priced(_ stems: [Stem], for viewer: Principal?) async throws -> [Stem] {
        guard let viewer, !stems.isEmpty else { return stems }
        let paid = Set(try await StemDownloadModel.query(on: db).filter(\.$userID == viewer.id)
            .filter(\.$stemID ~~ stems.map(\.id)).all().map(\.stemID))
        return stems.map { stem in
            var priced = stem
            priced.exportCost = paid.contains(stem.id) ? 0 : configuration.stemDownloadCost
            return priced
        }
    }

    /// One stem job with its stems (`stem_job.not_found` for an unknown id, or one `viewer` may not see).
    public func stemJob(_ id: UUID, as viewer: Principal? = nil) async throws -> StemJob {
        guard let job = try await StemJobModel.find(id, on: db), Self.mayView(stemsOf: job.userID, viewer) else {
            throw SampleTokError.stemJobNotFound(id.uuidString)
        }
        let stems = try await priced(StemModel.query(on: db).filter(\.$stemJobID == id).all().map { try $0.stem() }, for: viewer)
        return job.stemJob(stems: stems.sorted { $0.type < $1.type })
    }

    /// One stem (`stem.not_found` for an unknown id, or one `viewer` may not see).
    public func stem(_ id: UUID, as viewer: Principal? = nil) async throws -> Stem {
        guard let model = try await StemModel.find(id, on: db) else { throw SampleTokError.stemNotFound(id.uuidString) }
        if viewer != nil {
            let job = try await StemJobModel.find(model.stemJobID, on: db)
            guard let job, Self.mayView(stemsOf: job.userID, viewer) else { throw SampleTokError.stemNotFound(id.uuidString) }
        }
        let stem = try model.stem()
        return try await priced([stem], for: viewer).first ?? stem
    }

    /// A completed stem's stored `peaks.json`.
    public func stemPeaksData(of id: UUID, as viewer: Principal? = nil) async throws -> Data {
        let stem = try await stem(id, as: viewer)
        guard let peaks = stem.files?.peaks, let key = try? BlobKey(peaks.key) else {
            throw SampleTokError.stemNotReady(id.uuidString, status: stem.status)
        }
        do {
            return try await blobs.data(key)
        } catch let error as SampleTokError where error.code.hasPrefix("storage.") && error.code != "storage.not_found" {
            throw error
        } catch {
            throw SampleTokError(.storageUnreadable, "Cannot read the peaks of stem \(id.uuidString): \(error.localizedDescription)")
        }
    }

    /// A download of a completed stem's WAV or MP3 by `user` (its owner or an admin; anyone
    /// else gets `stem.not_found`): the first one by this user costs `stemDownloadCost` credits
    /// (a `stem.download` ledger entry), later ones are free; each is counted. Returns the stem
    /// and the file to hand out.
    public func downloadStem(_ id: UUID, format: ExportFormat, as user: Principal) async throws -> (stem: Stem, file: SampleFile) {
        let (stem, file) = try await downloadable(id, format: format, user: user)
        try await db.transaction { db in try await self.recordStemDownload(id, format: format, user: user.id, on: db) }
        var counted = stem
        counted.downloadCount += 1
        counted.exportCost = 0
        return (counted, file)
    }

    /// Copies a completed stem's WAV or MP3 into `folder` (as `downloadStem`: the first time
    /// costs credits); returns the file, named after the sample and the stem type. The file and
    /// the charge go together: it is written under a temporary name first, and renamed into
    /// place inside the charge's transaction, so a folder that cannot be written costs nothing
    /// and a refused charge leaves no file.
    public func exportStem(_ id: UUID, format: ExportFormat, to folder: URL, as user: Principal) async throws -> URL {
        let (stem, file) = try await downloadable(id, format: format, user: user)
        let sample = try await sample(stem.sampleID.uuidString)
        try prepareExportFolder(folder)
        let destination = folder.appendingPathComponent(stem.exportFileName(of: sample, format))
        let partial = folder.appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString.prefix(8)).partial")
        defer { try? FileManager.default.removeItem(at: partial) }
        try await copyStored(file, to: partial, for: destination)
        try await db.transaction { db in
            try await self.recordStemDownload(id, format: format, user: user.id, on: db)
            guard rename(partial.path, destination.path) == 0 else {
                throw SampleTokError(.outputUnwritable, "Cannot write \(destination.path).")
            }
        }
        return destination
    }

    /// The stem and its file in `format`, if `user` may download it and it is completed.
    private func downloadable(_ id: UUID, format: ExportFormat, user: Principal) async throws -> (Stem, SampleFile) {
        let stem = try await stem(id, as: user)
        guard stem.status == .completed, let file = format == .wav ? stem.files?.wav : stem.files?.mp3 else {
            throw SampleTokError.stemNotReady(id.uuidString, status: stem.status)
        }
        return (stem, file)
    }

    /// Inside a transaction: counts a download of the stem, and charges `user` for it the first time.
    private func recordStemDownload(_ id: UUID, format: ExportFormat, user: UUID, on db: any Database) async throws {
        let cost = configuration.stemDownloadCost
        let earlier = try await StemDownloadModel.query(on: db).filter(\.$stemID == id).filter(\.$userID == user).first()
        if earlier == nil {
            try await StemDownloadModel(stemID: id, userID: user, format: format.rawValue).create(on: db)
            if cost > 0 {
                try await CreditLedger(on: db).charge(user: user, amount: cost, reason: .stemDownload, reference: id)
            }
        }
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("UPDATE stems SET download_count = download_count + 1 WHERE id = \(bind: id)").run()
    }

    /// Follows a stem job until it ends, like `follow(sample:)`: its kept events (durable ids),
    /// the passing reports of this process, and one final event (at once for a finished stem job).
    public func follow(stemJob id: UUID, after lastSeen: Int = 0,
                       pollInterval: Duration = .milliseconds(250)) -> AsyncThrowingStream<ProgressEvent, any Error> {
        follow(subject: id, after: lastSeen, pollInterval: pollInterval, outcome: { sequence in
            let job = try await self.stemJob(id)
            guard job.isFinal else { return nil }
            return ProgressEvent(final: job, sequence: sequence)
        })
    }

    /// Sends a passing progress report of a stem job's step to this process's followers (not kept, sequence 0).
    func publish(stemJob: StemJobModel, step: String, fraction: Double, status: SampleStatus, message: String,
                 error: SampleTokError? = nil) {
        events.publish(ProgressEvent(sampleID: stemJob.sampleID, step: step, fraction: fraction, message: message,
                                     status: status, error: error, stemJobID: stemJob.id))
    }

    /// Keeps a stem job's step as its next durable event and sends it (`record(_:)`).
    func record(stemJob: StemJobModel, step: String, fraction: Double, status: SampleStatus, message: String) async throws {
        try await record(ProgressEvent(sampleID: stemJob.sampleID, step: step, fraction: fraction, message: message,
                                       status: status, stemJobID: stemJob.id))
    }

    /// A stem job's end: its stems' fields and files, the stem job `completed`, the job done, in one transaction.
    func saveStemsCompleted(job: JobModel, stemJob: StemJobModel, results: [StemType: StemResult]) async throws {
        try await db.transaction { db in
            let now = Date().timeIntervalSince1970
            for stem in try await StemModel.query(on: db).filter(\.$stemJobID == stemJob.id ?? UUID()).all() {
                guard let type = StemType(rawValue: stem.type), let result = results[type] else { continue }
                if let analysis = result.analysis { stem.apply(analysis) }
                stem.duration = result.duration
                try stem.apply(result.files)
                stem.status = SampleStatus.completed.rawValue
                stem.completedAt = now
                try await stem.update(on: db)
            }
            stemJob.status = SampleStatus.completed.rawValue
            stemJob.errorCode = nil
            stemJob.errorMessage = nil
            stemJob.updatedAt = now
            stemJob.completedAt = now
            try await stemJob.update(on: db)
            try await job.finish(at: now, step: StemStep.save.rawValue, on: db)
        }
        removeWorkFolder(of: job)
    }

    /// A stem job's final failure: the stem job and its stems `failed` with the error, its charge
    /// refunded (a `stems.refund` entry) and the job failed, in ONE transaction.
    func saveStemsFailed(job: JobModel, error: SampleTokError) async throws {
        guard let id = job.id else { return }
        try await db.transaction { db in
            let now = Date().timeIntervalSince1970
            if let stemJob = try await StemJobModel.find(id, on: db), stemJob.status != SampleStatus.failed.rawValue {
                stemJob.status = SampleStatus.failed.rawValue
                stemJob.errorCode = error.code
                stemJob.errorMessage = error.message
                stemJob.updatedAt = now
                try await stemJob.update(on: db)
                try await StemModel.query(on: db).filter(\.$stemJobID == id)
                    .set(\.$status, to: SampleStatus.failed.rawValue).update()
                let ledger = try CreditLedger(on: db)
                let charged = try await ledger.total(reason: .stemsCharge, reference: id)
                let refunded = try await ledger.total(reason: .stemsRefund, reference: id)
                if -charged - refunded > 0 {
                    try await ledger.credit(user: stemJob.userID, amount: -charged - refunded, reason: .stemsRefund, reference: id)
                }
            }
            try await job.recordFailure(error, at: now, on: db)
        }
        await removeBlobsOfFailedJob(job)
        removeWorkFolder(of: job)
    }
}

/// What the stem pipeline made of one stem: its stored files and analysis.
struct StemResult: Codable, Sendable {
    var files: SampleFiles
    var duration: Double
    var analysis: AnalysisResult?
}

extension ProgressEvent {
    /// The one final event of a stem job that is completed or failed.
    init(final job: StemJob, sequence: Int) {
        self.init(sampleID: job.sampleID, step: job.status == .completed ? "done" : "failed", fraction: 1,
                  message: job.status == .completed ? "stems ready" : (job.error?.message ?? "failed"),
                  status: job.status, error: job.error, sequence: sequence, stemJobID: job.id)
    }
}
