import FluentKit
import Foundation
import Model
import Resolvers
import SQLKit

/// Collections of samples: a user's list of URLs (or a TikTok creator's latest posts), charged
/// per item up front and refunded per item that fails or is cancelled. Only a collection's owner
/// (or an admin) sees it; methods take full ids, `id(matching:as:)` reads a typed prefix.
public struct CollectionService: Sendable {
    let parts: LibraryParts
    /// The samples the items become (checked and submitted through it).
    let samples: SampleService
    /// The TikTok API, when `RAPIDAPI_KEY` is set (a creator's posts).
    let tiktok: TikTokClient?

    var db: any Database { parts.db }
    var configuration: EngineConfiguration { parts.configuration }

    /// Makes a collection of `user`'s: the URLs of `request` (or the TikTok creator's latest
    /// posts). Each URL is checked first, as `a` checks it: a link refused there (an `ftp://`
    /// link, a file that is not there) becomes a failed item, and one already in the library
    /// is linked to its sample (completed or failed at once as it is, or ending with it while
    /// it is pending or processing); neither costs anything. The others are charged
    /// `collectionItemCredits` each up front, in the transaction that creates the collection
    /// and its items (`credits.insufficient` when the balance is short: nothing is made), then
    /// go through `submit`; one refused there fails its item at once, with its credits back.
    public func create(_ request: CollectionRequest, as user: Principal) async throws -> SampleCollection {
        let (source, tiktokUser, urls) = try await collectionURLs(request)
        let now = Date().timeIntervalSince1970
        let collection = CollectionModel()
        let collectionID = UUID()
        var items: [CollectionItemModel] = []
        var charged: [(CollectionItemModel, IdentifiedSubmission)] = []
        for (position, url) in urls.enumerated() {
            let item = CollectionItemModel()
            item.id = UUID()
            item.collectionID = collectionID
            item.position = position
            item.url = URLRedactor.redact(url)  // the fetch uses `url` itself; the row, the API and the app see no credentials
            item.status = SampleCollectionItem.Status.pending.rawValue
            item.updatedAt = now
            item.credits = 0
            items.append(item)
            do {
                let submission = try await samples.identify(url)
                if let existing = try await samples.existingSample(submission) {
                    // Already in the library: linked, never charged. Completed or failed, the
                    // item ends as its sample did; pending or processing, it ends with it.
                    item.sampleID = existing.id
                    switch SampleStatus(rawValue: existing.status) {
                    case .completed:
                        item.status = SampleCollectionItem.Status.completed.rawValue
                    case .failed:
                        item.status = SampleCollectionItem.Status.failed.rawValue
                        item.errorCode = existing.failure.code
                        item.errorMessage = existing.failure.message
                    default:
                        break
                    }
                } else {
                    item.credits = configuration.collectionItemCredits
                    charged.append((item, submission))
                }
            } catch let error as SampleTokError {
                item.status = SampleCollectionItem.Status.failed.rawValue
                item.errorCode = error.code
                item.errorMessage = error.message
            }
        }
        collection.id = collectionID
        collection.userID = user.id
        collection.source = source
        collection.tiktokUser = tiktokUser
        collection.itemCredits = configuration.collectionItemCredits
        collection.creditsCharged = configuration.collectionItemCredits * charged.count
        collection.creditsRefunded = 0
        collection.createdAt = now
        collection.updatedAt = now
        let cost = collection.creditsCharged
        let rows = items
        try await db.transaction { db in
            if cost > 0 {
                try await CreditLedger(on: db).charge(user: user.id, amount: cost, reason: .collectionCharge, reference: collectionID)
            }
            try await collection.create(on: db)
            for item in rows { try await item.create(on: db) }
            // A linked sample that ended since it was read above is settled here; one ending
            // later settles its items in its own final transaction.
            for item in rows where item.status == SampleCollectionItem.Status.pending.rawValue && item.credits == 0 {
                guard let id = item.sampleID, let sample = try await SampleModel.find(id, on: db) else { continue }
                try await item.settle(toMatch: sample, on: db)
            }
        }
        for (item, submission) in charged { try await submitItem(item, submission, by: user.id) }
        return try await describe([collection], withItems: true)[0]
    }

    /// `user`'s collections, newest first, without their items.
    public func list(as user: Principal, limit: Int = 100) async throws -> [SampleCollection] {
        let models = try await CollectionModel.query(on: db).filter(\.$userID == user.id)
            .sort(\.$createdAt, .descending).limit(max(1, min(limit, 500))).all()
        return try await describe(models, withItems: false)
    }

    /// The id of the collection `text` names (a full id, or a unique prefix of at least 4 hex
    /// digits) among those `user` may see: their own, or any for an admin or a nil user (the
    /// `X-Admin-Key`). `collection.not_found` for another's, `collection.ambiguous` for a prefix of several.
    public func id(matching text: String, as user: Principal?) async throws -> UUID {
        let model = try await parts.row(CollectionModel.self, matching: text, noun: "collection", notFound: SampleTokError.collectionNotFound)
        guard let id = model.id, user.map({ model.userID == $0.id || $0.isAdmin }) ?? true else {
            throw SampleTokError.collectionNotFound(text)
        }
        return id
    }

    /// A collection with its items; only its owner and admins see it (`collection.not_found` for anyone else).
    public func collection(_ id: UUID, as user: Principal) async throws -> SampleCollection {
        try await describe([try await collectionModel(id, for: user)], withItems: true)[0]
    }

    /// Resets a stuck collection (its owner or an admin): every item not finished is cancelled
    /// and its credits given back, in one transaction. `collection.finished` when no item is left.
    public func reset(_ id: UUID, as user: Principal) async throws -> SampleCollection {
        try await reset(try await collectionModel(id, for: user))
    }

    /// Resets a collection for an administrator (`X-Admin-Key`).
    public func reset(_ id: UUID) async throws -> SampleCollection {
        try await reset(try await collectionModel(id, for: nil))
    }

    /// Resets every unfinished collection of the user called `name`; answers how many
    /// collections were reset and the credits given back.
    public func resetAll(ofUserNamed name: String) async throws -> (collections: Int, refunded: Int) {
        guard let user = try await UserModel.query(on: db).filter(\.$name == name).first(), let userID = user.id else {
            throw SampleTokError.userNotFound(name)
        }
        var reset = 0
        var refunded = 0
        for model in try await CollectionModel.query(on: db).filter(\.$userID == userID).all() {
            let before = model.creditsRefunded
            guard let after = try? await self.reset(model) else { continue }
            reset += 1
            refunded += after.creditsRefunded - before
        }
        return (reset, refunded)
    }

    /// The canonical URLs of the newest `limit` posts of the TikTok account `username` (with or
    /// without `@`), through the TikTok API's `GET /user/posts`: what a collection of "a
    /// creator's posts" submits, one sample each. Throws `link.unsupported` naming `RAPIDAPI_KEY`
    /// when the key is not set, `link.not_found` for an unknown account, and the API's errors.
    public func tiktokPostURLs(of username: String, limit: Int = 30) async throws -> [String] {
        try await tiktok.required().postURLs(of: username, limit: max(1, min(limit, 1000)))
    }

    // MARK: - Items and their samples

    /// Submits an item's URL and links it to the sample; a refused URL fails the item (refunded).
    private func submitItem(_ item: CollectionItemModel, _ submission: IdentifiedSubmission, by user: UUID) async throws {
        let outcome: SubmitOutcome
        do {
            outcome = try await samples.submit(submission, by: user)
        } catch let error as SampleTokError {
            try await db.transaction { db in try await item.settle(.failed, error: error, on: db) }
            return
        }
        let sampleID = outcome.sample.id
        try await db.transaction { db in
            // Read in the transaction: a sample finished before this link is settled here, one
            // finished after it is settled by its own save (`settleItems`).
            guard let sample = try await SampleModel.find(sampleID, on: db) else { return }
            item.sampleID = sampleID
            if try await !item.settle(toMatch: sample, on: db) {
                item.updatedAt = Date().timeIntervalSince1970
                try await item.update(on: db)
            }
        }
    }

    private func reset(_ model: CollectionModel) async throws -> SampleCollection {
        guard let id = model.id else { throw SampleTokError.collectionNotFound("?") }
        try await db.transaction { db in
            let open = try await CollectionItemModel.query(on: db).filter(\.$collectionID == id)
                .filter(\.$status == SampleCollectionItem.Status.pending.rawValue).all()
            guard !open.isEmpty else {
                throw SampleTokError(.collectionFinished, "Collection \(id.uuidString.lowercased().prefix(8)) has nothing to reset: every item is finished.")
            }
            let reason = SampleTokError(.collectionReset, "Cancelled by a reset of the collection; its credits were given back.")
            for item in open { try await item.settle(.cancelled, error: reason, on: db) }
            guard let fresh = try await CollectionModel.find(id, on: db) else { return }
            fresh.resetAt = Date().timeIntervalSince1970
            try await fresh.update(on: db)
        }
        return try await describe([try await collectionModel(id, for: nil)], withItems: true)[0]
    }

    // MARK: - Lookup and description

    /// The URLs a request names: deduplicated, at most `maxCollectionItems`.
    private func collectionURLs(_ request: CollectionRequest) async throws -> (String, String?, [String]) {
        let limit = configuration.maxCollectionItems
        switch (request.urls, request.tiktokUser?.trimmingCharacters(in: .whitespaces)) {
        case (let urls?, nil):
            var seen: Set<String> = []
            let unique = urls.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { seen.insert($0).inserted }
            guard !unique.isEmpty, !unique.contains(where: \.isEmpty) else {
                throw SampleTokError.unprocessable("A collection needs at least one URL, and no empty ones.")
            }
            guard unique.count <= limit else {
                throw SampleTokError.unprocessable("A collection holds at most \(limit) URLs (MAX_COLLECTION_ITEMS); this one has \(unique.count).")
            }
            guard unique.allSatisfy({ $0.utf8.count <= 4096 }) else { throw SampleTokError.unprocessable("A URL is at most 4096 bytes.") }
            return ("urls", nil, unique)
        case (nil, let name?) where !name.isEmpty:
            let count = request.limit ?? limit
            guard (1...limit).contains(count) else {
                throw SampleTokError.unprocessable("limit is 1 to \(limit) posts (MAX_COLLECTION_ITEMS).")
            }
            let urls = try await tiktokPostURLs(of: name, limit: count)
            guard !urls.isEmpty else {
                throw SampleTokError(.linkNotFound, "The TikTok account @\(name) has no posts to collect.")
            }
            return ("tiktok_user", name.hasPrefix("@") ? String(name.dropFirst()) : name, Array(urls.prefix(count)))
        default:
            throw SampleTokError.unprocessable("Give either `urls` (a list of URLs) or `tiktok_user` (a TikTok username).")
        }
    }

    /// The collection, if `user` owns it or is an admin (nil: the administrator's key, any).
    private func collectionModel(_ id: UUID, for user: Principal?) async throws -> CollectionModel {
        guard let model = try await CollectionModel.find(id, on: db), user.map({ model.userID == $0.id || $0.isAdmin }) ?? true else {
            throw SampleTokError.collectionNotFound(id.uuidString.lowercased())
        }
        return model
    }

    /// The shared description of collections: owner, progress (a pending item whose sample is
    /// being processed counts as processing), and with `withItems` the items.
    private func describe(_ models: [CollectionModel], withItems: Bool) async throws -> [SampleCollection] {
        let ids = models.compactMap(\.id)
        let items = ids.isEmpty ? [] : try await CollectionItemModel.query(on: db).filter(\.$collectionID ~~ ids).sort(\.$position).all()
        let pendingSamples = Array(Set(items.filter { $0.status == SampleCollectionItem.Status.pending.rawValue }.compactMap(\.sampleID)))
        var processing: Set<UUID> = []
        if !pendingSamples.isEmpty {
            let rows = try await SampleModel.query(on: db).filter(\.$id ~~ pendingSamples)
                .filter(\.$status == SampleStatus.processing.rawValue).all()
            processing = Set(rows.compactMap(\.id))
        }
        let owners = Dictionary(try await UserModel.query(on: db).filter(\.$id ~~ Array(Set(models.map(\.userID)))).all()
            .compactMap { user in user.id.map { ($0, user.name) } }, uniquingKeysWith: { a, _ in a })
        let byCollection = Dictionary(grouping: items, by: \.collectionID)
        // The rows again, read after their items: an item settled (and refunded) between the
        // caller's read and the items' shows with its refund, never failed without it.
        let fresh = ids.isEmpty ? [] : try await CollectionModel.query(on: db).filter(\.$id ~~ ids).all()
        let rows = Dictionary(fresh.compactMap { row in row.id.map { ($0, row) } }, uniquingKeysWith: { a, _ in a })
        return models.map { rows[$0.id ?? UUID()] ?? $0 }.compactMap { model in
            guard let id = model.id else { return nil }
            let described = (byCollection[id] ?? []).compactMap { $0.item(processing: processing) }
            let progress = SampleCollectionProgress(described.map(\.status))
            return SampleCollection(id: id, owner: owners[model.userID] ?? "?", source: model.source, tiktokUser: model.tiktokUser,
                                    status: progress.pending + progress.processing > 0 ? .processing : .finished,
                                    progress: progress, creditsCharged: model.creditsCharged, creditsRefunded: model.creditsRefunded,
                                    items: withItems ? described : nil, createdAt: Date(timeIntervalSince1970: model.createdAt),
                                    resetAt: model.resetAt.map { Date(timeIntervalSince1970: $0) })
        }
    }
}

extension CollectionItemModel {
    /// Inside a sample's final transaction: its pending collection items become completed, or
    /// failed with `error` and their credits given back.
    static func settleItems(ofSample id: UUID, failure error: SampleTokError?, on db: any Database) async throws {
        let items = try await CollectionItemModel.query(on: db).filter(\.$sampleID == id)
            .filter(\.$status == SampleCollectionItem.Status.pending.rawValue).all()
        for item in items { try await item.settle(error == nil ? .completed : .failed, error: error, on: db) }
    }

    /// Settles the item as its `sample` ended, inside the caller's transaction: completed, or
    /// failed with the sample's error. False (nothing done) while the sample is still to finish.
    @discardableResult
    func settle(toMatch sample: SampleModel, on db: any Database) async throws -> Bool {
        switch SampleStatus(rawValue: sample.status) {
        case .completed:
            try await settle(.completed, error: nil, on: db)
        case .failed:
            try await settle(.failed, error: sample.failure, on: db)
        default:
            return false
        }
        return true
    }

    /// The item as clients see it.
    func item(processing: Set<UUID>) -> SampleCollectionItem? {
        guard let id else { return nil }
        var state = SampleCollectionItem.Status(rawValue: status) ?? .pending
        if state == .pending, let sampleID, processing.contains(sampleID) { state = .processing }
        return SampleCollectionItem(id: id, position: position, url: url, sampleID: sampleID, status: state,
                                    error: errorCode.map { SampleTokError(code: $0, message: errorMessage ?? "") })
    }

    /// Records the item's end inside the caller's transaction; a failed or cancelled item gives
    /// back what it was charged (nothing for one that was not; never more than the collection
    /// was charged).
    func settle(_ end: SampleCollectionItem.Status, error: SampleTokError?, on db: any Database) async throws {
        status = end.rawValue
        errorCode = error?.code
        errorMessage = error?.message
        updatedAt = Date().timeIntervalSince1970
        try await update(on: db)
        guard end == .failed || end == .cancelled, let collection = try await CollectionModel.find(collectionID, on: db) else { return }
        let amount = min(credits ?? collection.itemCredits, collection.creditsCharged - collection.creditsRefunded)
        guard amount > 0 else { return }
        try await CreditLedger(on: db).credit(user: collection.userID, amount: amount, reason: .collectionRefund, reference: collectionID)
        collection.creditsRefunded += amount
        collection.updatedAt = updatedAt
        try await collection.update(on: db)
    }
}

extension SampleTokError {
    /// A well-formed request that asks for something impossible (HTTP 422).
    static func unprocessable(_ message: String) -> SampleTokError {
        SampleTokError(.requestUnprocessable, message)
    }
}

extension SampleModel {
    /// The error a failed sample ended with, as its collection items and followers show it.
    var failure: SampleTokError {
        SampleTokError(code: errorCode ?? ErrorCode.sampleFailed.name, message: errorMessage ?? "The sample failed.")
    }
}
