import FluentKit
import Foundation
import Model
import SQLKit

/// Stem requests, stem jobs and stems: what a user asks of a sample's stems and sees of them.
/// Only a stem job's owner (or an admin) sees it; `nil` as the viewer is the library itself.
/// A stem's stored audio (peaks, export, download) is reached through `AssetService`.
public struct StemService: Sendable {
    let parts: LibraryParts
    /// The samples (a request is for a completed one).
    let samples: SampleService
    /// The stem providers and their separators.
    let providers: StemProviderRegistry

    var db: any Database { parts.db }
    var configuration: EngineConfiguration { parts.configuration }

    /// The stem dialog's catalog: every provider with what it makes of each stem type, the
    /// price per stem and per first download, and the per-request maximum.
    public func catalog() -> StemCatalog {
        StemCatalog(providers: providers.providers(), defaultProvider: StemProviderRegistry.known[0].name,
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
    public func request(of sampleID: UUID, stems: [StemType], provider: String? = nil, as principal: Principal) async throws -> StemJob {
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
        let separator = try providers.separator(providerName)
        for type in types {
            switch separator.support(for: type) {
            case .supported, .estimate: continue
            case .unsupported(let reason):
                throw SampleTokError(.stemsUnsupported, "The \(providerName) provider cannot make the \(type.displayName) stem: \(reason).")
            }
        }
        let sample = try await samples.sample(sampleID)
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
    public func jobs(of sampleID: UUID, as viewer: Principal? = nil) async throws -> [StemJob] {
        // Asked for every sample a list shows, and most have no stem work: one plain statement
        // tells whether the sample is there (its row not decoded) and whether it has a stem job.
        let found = try await parts.database.sql.raw("""
            SELECT (SELECT 1 FROM samples WHERE id = \(bind: sampleID)) AS sample, \
            (SELECT 1 FROM stem_jobs WHERE sample_id = \(bind: sampleID) LIMIT 1) AS jobs
            """).first()
        guard try found?.decode(column: "sample", as: Int?.self) != nil else {
            throw SampleTokError.sampleNotFound(sampleID.uuidString.lowercased())
        }
        if try found?.decode(column: "jobs", as: Int?.self) == nil { return [] }
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

    /// The stem jobs of several samples (a page of the list) that `viewer` may see, by sample:
    /// one statement finds which of them have stem work (most have none, and get `[]` without
    /// another read); each that has is read as `jobs(of:as:)` reads it. A sample that is not
    /// there has none.
    public func jobs(ofSamples sampleIDs: [UUID], as viewer: Principal? = nil) async throws -> [UUID: [StemJob]] {
        var answer = Dictionary(uniqueKeysWithValues: Set(sampleIDs).map { ($0, [StemJob]()) })
        guard !answer.isEmpty else { return [:] }
        let rows = try await parts.database.sql.raw("""
            SELECT DISTINCT sample_id FROM stem_jobs WHERE sample_id IN (\(binds: Array(answer.keys)))
            """).all()
        for row in rows {
            let sampleID = try row.decode(column: "sample_id", as: UUID.self)
            answer[sampleID] = try await jobs(of: sampleID, as: viewer)
        }
        return answer
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
}
