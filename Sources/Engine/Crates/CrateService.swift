import FluentKit
import Foundation
import Model

/// Crates and stars: the named lists of samples a user keeps in the order they chose, and the
/// samples they starred. Both are a user's own: another user's crates are `crate.not_found`
/// (as if they did not exist), and stars are only ever read for the user asking. A local
/// library's are the local user's. Methods take full ids; `id(matching:as:)` reads what a
/// user typed (a crate's name, or its id or a unique prefix of it).
public struct CrateService: Sendable {
    let parts: LibraryParts
    /// The samples crates and stars hold.
    let samples: SampleService

    var db: any Database { parts.db }

    // MARK: - Crates

    /// `user`'s crates, by name, each with its count and without its items.
    public func list(as user: Principal) async throws -> [Crate] {
        let models = try await CrateModel.query(on: db).filter(\.$userID == user.id).all()
            .sorted { $0.name.localizedCaseInsensitiveCompare($1.name) == .orderedAscending }
        return try await describe(models, withItems: false)
    }

    /// Makes an empty crate of `user`'s called `name` (trimmed; `crate.name_invalid`,
    /// `crate.name_taken` when they have one of that name already).
    public func create(named name: String, as user: Principal) async throws -> Crate {
        let name = try Crate.validName(name)
        try await checkNameFree(name, of: user, except: nil)
        let now = Date().timeIntervalSince1970
        let model = CrateModel()
        model.id = UUID()
        model.userID = user.id
        model.name = name
        model.createdAt = now
        model.updatedAt = now
        do {
            try await model.create(on: db)
        } catch {
            // Two makes of the same name at once: the unique index refused the second.
            try await checkNameFree(name, of: user, except: nil)
            throw error
        }
        return try await describe([model], withItems: true)[0]
    }

    /// The id of `user`'s crate that `text` names: its exact name, else its name in any case,
    /// else its id or a unique prefix of at least 4 hex digits of it. Only `user`'s own crates
    /// are looked at (`crate.not_found`; `crate.ambiguous` for a prefix of several).
    public func id(matching text: String, as user: Principal) async throws -> UUID {
        let crates = try await CrateModel.query(on: db).filter(\.$userID == user.id).all()
        let wanted = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let exact = crates.first(where: { $0.name == wanted }), let id = exact.id { return id }
        let folded = crates.filter { $0.name.lowercased() == wanted.lowercased() }
        if folded.count == 1, let id = folded[0].id { return id }
        let prefix = wanted.lowercased()
        guard prefix.count >= 4, prefix.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { throw SampleTokError.crateNotFound(text) }
        let matches = crates.compactMap(\.id).filter { $0.uuidString.lowercased().hasPrefix(prefix) }
        guard let first = matches.first else { throw SampleTokError.crateNotFound(text) }
        guard matches.count == 1 else {
            throw SampleTokError(.crateAmbiguous, "More than one of your crates has an id starting with '\(text)': give more of it, or the crate's name.")
        }
        return first
    }

    /// One of `user`'s crates with its samples in order.
    public func crate(_ id: UUID, as user: Principal) async throws -> Crate {
        try await describe([try await crateModel(id, of: user)], withItems: true)[0]
    }

    /// Renames one of `user`'s crates (`crate.name_invalid`, `crate.name_taken`).
    public func rename(_ id: UUID, to name: String, as user: Principal) async throws -> Crate {
        let model = try await crateModel(id, of: user)
        let name = try Crate.validName(name)
        try await checkNameFree(name, of: user, except: id)
        model.name = name
        model.updatedAt = Date().timeIntervalSince1970
        try await model.update(on: db)
        return try await describe([model], withItems: true)[0]
    }

    /// Deletes one of `user`'s crates (its samples stay in the library).
    public func delete(_ id: UUID, as user: Principal) async throws {
        let model = try await crateModel(id, of: user)
        try await db.transaction { db in
            try await CrateItemModel.query(on: db).filter(\.$crateID == id).delete()
            try await model.delete(on: db)
        }
    }

    /// Adds a sample to one of `user`'s crates at `position` (from 1; nil or past the end: last).
    /// A sample already in the crate stays where it is (nothing changes). `sample.not_found`
    /// for a sample not in the library.
    public func add(_ sampleID: UUID, to id: UUID, at position: Int? = nil, as user: Principal) async throws -> Crate {
        let model = try await crateModel(id, of: user)
        _ = try await samples.sampleModel(sampleID)
        try await db.transaction { db in
            var items = try await CrateItemModel.query(on: db).filter(\.$crateID == id).sort(\.$position).all()
            guard !items.contains(where: { $0.sampleID == sampleID }) else { return }
            let item = CrateItemModel()
            item.id = UUID()
            item.crateID = id
            item.sampleID = sampleID
            item.addedAt = Date().timeIntervalSince1970
            item.position = items.count + 1
            try await item.create(on: db)
            if let position, position <= items.count {
                items.insert(item, at: max(0, position - 1))
                try await renumber(items, on: db)
            }
            try await touch(model, on: db)
        }
        return try await describe([model], withItems: true)[0]
    }

    /// Moves a sample of one of `user`'s crates to `position` (from 1; past the end: last).
    /// `crate.item_not_found` when the sample is not in the crate.
    public func move(_ sampleID: UUID, in id: UUID, to position: Int, as user: Principal) async throws -> Crate {
        let model = try await crateModel(id, of: user)
        try await db.transaction { db in
            var items = try await CrateItemModel.query(on: db).filter(\.$crateID == id).sort(\.$position).all()
            guard let from = items.firstIndex(where: { $0.sampleID == sampleID }) else { throw Self.itemNotFound(sampleID, model) }
            let item = items.remove(at: from)
            items.insert(item, at: min(max(0, position - 1), items.count))
            try await renumber(items, on: db)
            try await touch(model, on: db)
        }
        return try await describe([model], withItems: true)[0]
    }

    /// Takes a sample out of one of `user`'s crates (`crate.item_not_found` when it is not in it).
    public func remove(_ sampleID: UUID, from id: UUID, as user: Principal) async throws -> Crate {
        let model = try await crateModel(id, of: user)
        try await db.transaction { db in
            var items = try await CrateItemModel.query(on: db).filter(\.$crateID == id).sort(\.$position).all()
            guard let index = items.firstIndex(where: { $0.sampleID == sampleID }) else { throw Self.itemNotFound(sampleID, model) }
            try await items.remove(at: index).delete(on: db)
            try await renumber(items, on: db)
            try await touch(model, on: db)
        }
        return try await describe([model], withItems: true)[0]
    }

    // MARK: - Stars

    /// Stars or unstars a sample for `user` (starring twice is starring once); answers whether
    /// it is starred now. `sample.not_found` for a sample not in the library.
    @discardableResult
    public func setStar(_ sampleID: UUID, _ starred: Bool, as user: Principal) async throws -> Bool {
        _ = try await samples.sampleModel(sampleID)
        let existing = try await SampleStarModel.query(on: db).filter(\.$userID == user.id).filter(\.$sampleID == sampleID).first()
        switch (starred, existing) {
        case (true, nil):
            let star = SampleStarModel()
            star.id = UUID()
            star.userID = user.id
            star.sampleID = sampleID
            star.createdAt = Date().timeIntervalSince1970
            do {
                try await star.create(on: db)
            } catch {
                // Starred at the same moment by another request: the unique index kept one.
                guard try await SampleStarModel.query(on: db).filter(\.$userID == user.id).filter(\.$sampleID == sampleID).first() != nil else { throw error }
            }
        case (false, let star?):
            try await star.delete(on: db)
        default:
            break
        }
        return starred
    }

    /// The ids of the samples `user` starred, most recently starred first.
    public func stars(as user: Principal) async throws -> [UUID] {
        try await SampleStarModel.query(on: db).filter(\.$userID == user.id).sort(\.$createdAt, .descending).all().map(\.sampleID)
    }

    // MARK: - Rows

    /// The crate, if it is `user`'s (`crate.not_found` for anyone else's, as for a missing one).
    private func crateModel(_ id: UUID, of user: Principal) async throws -> CrateModel {
        guard let model = try await CrateModel.find(id, on: db), model.userID == user.id else {
            throw SampleTokError.crateNotFound(id.uuidString.lowercased())
        }
        return model
    }

    /// `crate.name_taken` when `user` has a crate called `name` (other than `except`).
    private func checkNameFree(_ name: String, of user: Principal, except: UUID?) async throws {
        let same = try await CrateModel.query(on: db).filter(\.$userID == user.id).filter(\.$name == name).first()
        if let same, same.id != except {
            throw SampleTokError(.crateNameTaken, "You already have a crate called '\(name)': pick another name, or add to that one.")
        }
    }

    private static func itemNotFound(_ sampleID: UUID, _ crate: CrateModel) -> SampleTokError {
        SampleTokError(.crateItemNotFound, "Sample \(sampleID.uuidString.lowercased().prefix(8)) is not in the crate '\(crate.name)'. `sampletok crate show` lists what is.")
    }

    /// Writes positions 1…n in the order of `items` (only the rows whose place changed).
    private func renumber(_ items: [CrateItemModel], on db: any Database) async throws {
        for (index, item) in items.enumerated() where item.position != index + 1 {
            item.position = index + 1
            try await item.update(on: db)
        }
    }

    private func touch(_ crate: CrateModel, on db: any Database) async throws {
        crate.updatedAt = Date().timeIntervalSince1970
        try await crate.update(on: db)
    }

    /// Crates as clients see them: counts, and with `withItems` the samples in order (their
    /// places 1…n as they come).
    private func describe(_ models: [CrateModel], withItems: Bool) async throws -> [Crate] {
        let ids = models.compactMap(\.id)
        let items = ids.isEmpty ? [] : try await CrateItemModel.query(on: db).filter(\.$crateID ~~ ids).sort(\.$position).all()
        var bySample: [UUID: Sample] = [:]
        if withItems, !items.isEmpty {
            let rows = try await SampleModel.query(on: db).filter(\.$id ~~ Array(Set(items.map(\.sampleID)))).all()
            for row in rows { let sample = try row.sample(); bySample[sample.id] = sample }
        }
        let byCrate = Dictionary(grouping: items, by: \.crateID)
        return models.compactMap { model in
            guard let id = model.id else { return nil }
            let mine = byCrate[id] ?? []
            let present = mine.compactMap { item in bySample[item.sampleID].map { (item.addedAt, $0) } }
            let described: [CrateItem]? = withItems ? present.enumerated().map { index, entry in
                CrateItem(position: index + 1, addedAt: Date(timeIntervalSince1970: entry.0), sample: entry.1)
            } : nil
            return Crate(id: id, name: model.name, count: mine.count, items: described,
                         createdAt: Date(timeIntervalSince1970: model.createdAt), updatedAt: Date(timeIntervalSince1970: model.updatedAt))
        }
    }
}
