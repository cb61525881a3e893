import FluentKit
import FluentSQL
import Foundation
import Model
import Resolvers
import SQLKit

extension Library {
    /// One page of samples matching `query`, with the total count.
    public func list(_ query: SampleQuery) async throws -> ResultPage<Sample> {
        let vocabulary = SampleSearch.needsVocabulary(query) ? try await readVocabulary() : nil
        let search = SampleSearch(dialect: database.dialect, query: query, vocabulary: vocabulary)
        // The stamp is read before the rows: rows decoded under it are at least as new as it.
        let stamp = try await changeStamp()
        // A search superseded while it waited for the database (the next key of the same
        // search) is not run: the rows would never be shown.
        try Task.checkCancellation()
        let rows = try await database.sql.raw(search.page).all()
        var decoded: [Sample] = []
        let items = try rows.map { row -> Sample in
            if let id = try? row.decode(column: "id", as: UUID.self), let known = listRows.sample(id, at: stamp) { return known }
            let sample = try row.decode(fluentModel: SampleModel.self).sample()
            decoded.append(sample)
            return sample
        }
        listRows.keep(decoded, at: stamp)
        let total: Int
        if let first = rows.first {
            total = try first.decode(column: "total_count", as: Int.self)
        } else {
            total = try await database.sql.raw(search.count).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return ResultPage(items: items, total: total, page: query.page, limit: query.limit)
    }

    /// The words of the search index, as of now (read again only when the library changed).
    func readVocabulary() async throws -> SearchVocabulary {
        let stamp = try await changeStamp()
        if let known = searchVocabulary.vocabulary(at: stamp) { return known }
        let rows = try await database.sql.raw(database.dialect.searchTerms).all()
        let vocabulary = SearchVocabulary(try rows.map { try $0.decode(column: "term", as: String.self) })
        searchVocabulary.keep(vocabulary, at: stamp)
        return vocabulary
    }

    /// A value that changes whenever the library's data may have changed, by this process or
    /// another one: equal stamps mean a query answers as it did. It is read after the call
    /// began (callers at the same moment share one read).
    public func changeStamp() async throws -> LibraryStamp {
        try await stamps.value()
    }

    /// Reads the change stamp from the database.
    static func readStamp(_ database: LibraryDatabase) async throws -> LibraryStamp {
        guard let row = try await database.sql.raw(database.dialect.changeStamp).first() else { return LibraryStamp(changes: -1, version: -1) }
        return LibraryStamp(changes: try row.decode(column: "changes", as: Int.self), version: try row.decode(column: "version", as: Int.self))
    }

    /// One sample by its id, or by a unique prefix of it (as `git` takes commits).
    public func sample(_ idOrPrefix: String) async throws -> Sample {
        try await resolve(idOrPrefix).sample()
    }

    /// A completed sample's stored `peaks.json`, as it is stored (`sample.not_ready` before).
    public func peaksData(of idOrPrefix: String) async throws -> Data {
        let sample = try await sample(idOrPrefix)
        guard let peaks = sample.files?.peaks, let key = try? BlobKey(peaks.key) else {
            throw SampleTokError.sampleNotReady(sample.id.uuidString, status: sample.status)
        }
        do {
            return try await blobs.data(key)
        } catch let error as SampleTokError where error.code.hasPrefix("storage.") && error.code != "storage.not_found" {
            throw error
        } catch {
            throw SampleTokError(.storageUnreadable, "Cannot read the peaks of sample \(sample.id.uuidString): \(error.localizedDescription)")
        }
    }

    /// The row of a sample by id or unique id prefix.
    func resolve(_ idOrPrefix: String) async throws -> SampleModel {
        try await row(SampleModel.self, idOrPrefix, noun: "sample", notFound: SampleTokError.sampleNotFound)
    }

    /// The row of `type` (a table keyed by UUID) whose id is `idOrPrefix` or the one id that
    /// starts with it (at least 4 hex digits): `notFound` otherwise, `<noun>.ambiguous` for a
    /// prefix of several.
    func row<M: Model>(_ type: M.Type, _ idOrPrefix: String, noun: String,
                       notFound: (String) -> SampleTokError) async throws -> M where M.IDValue == UUID {
        let text = idOrPrefix.trimmingCharacters(in: .whitespaces).lowercased()
        if let id = UUID(uuidString: text) {
            guard let model = try await M.find(id, on: db) else { throw notFound(idOrPrefix) }
            return model
        }
        guard text.count >= 4, text.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { throw notFound(idOrPrefix) }
        let rows = try await database.sql.raw("SELECT * FROM \(ident: M.schema) WHERE lower(CAST(id AS TEXT)) LIKE \(bind: text + "%") LIMIT 2").all()
        guard let first = rows.first else { throw notFound(idOrPrefix) }
        guard rows.count == 1 else {
            throw SampleTokError(code: "\(noun).ambiguous", message: "More than one \(noun) id starts with '\(idOrPrefix)': give more of it.")
        }
        return try first.decode(fluentModel: M.self)
    }

    /// The jobs that make samples and are queued, running, retrying or failed (newest first), and
    /// recent finished ones. With `user`, only the jobs they submitted, unless they are an admin.
    public func jobs(includeDone: Bool = false, limit: Int = 100, as user: Principal? = nil) async throws -> [JobInfo] {
        var query = JobModel.query(on: db).filter(\.$sampleID != nil).sort(\.$createdAt, .descending).limit(limit)
        if !includeDone { query = query.filter(\.$status != JobStatus.done.rawValue) }
        if let user, !user.isAdmin { query = query.filter(\.$userID == user.id) }
        return try await query.all().compactMap { $0.info }
    }

    /// How many jobs are in each state (states without a job are left out).
    public func jobCounts() async throws -> [JobStatus: Int] {
        let rows = try await database.sql.raw("SELECT status, COUNT(*) AS count FROM jobs GROUP BY status").all()
        var counts: [JobStatus: Int] = [:]
        for row in rows {
            guard let status = JobStatus(rawValue: try row.decode(column: "status", as: String.self)) else { continue }
            counts[status, default: 0] += try row.decode(column: "count", as: Int.self)
        }
        return counts
    }

    /// The job of a sample (its latest).
    public func job(forSample id: UUID) async throws -> JobInfo? {
        try await JobModel.query(on: db).filter(\.$sampleID == id).filter(\.$kind == JobKind.sample.rawValue)
            .sort(\.$createdAt, .descending).first()?.info
    }
}

extension JobModel {
    /// The shared description of this job.
    var info: JobInfo? {
        guard let id, let sampleID else { return nil }
        return JobInfo(id: id, sampleID: sampleID, source: URLRedactor.redact(source), status: JobStatus(rawValue: status) ?? .queued,
                       step: step, progress: progress, attempts: attempts, maxAttempts: maxAttempts,
                       runAt: Date(timeIntervalSince1970: runAt),
                       lastError: errorCode.map { SampleTokError(code: $0, message: errorMessage ?? "") },
                       createdAt: Date(timeIntervalSince1970: createdAt), kind: JobKind(rawValue: kind))
    }
}

extension Library {
    /// Whether the database answers a trivial query (for health checks).
    public func databaseIsReachable() async -> Bool {
        (try? await database.sql.raw("SELECT 1 AS ok").first()) != nil
    }
}
