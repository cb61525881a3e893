import Engine
import Foundation
import Model
import Testing
import TestSupport

/// Crates and stars in the engine, on each database engine: order, moves, removal, names, and
/// one user never seeing or changing another's.
@Suite("crates: the service on each database engine")
struct CrateServiceTests {
    /// A library with three submitted (pending) samples and the users ada and bob.
    struct Setup {
        let test: TestLibrary
        let samples: [UUID]
        let ada: Principal
        let bob: Principal
        var library: Library { test.library }

        init(_ engine: DatabaseEngine) async throws {
            test = try await TestLibrary(engine: engine)
            var ids: [UUID] = []
            for (name, frequency) in [("kick", 60.0), ("snare", 200.0), ("hat", 900.0)] {
                ids.append(try await test.library.samples.submit(try test.tone("\(name).wav", frequency: frequency, seconds: 0.5)).sample.id)
            }
            samples = ids
            ada = try await test.library.accounts.createUser(name: "ada", credits: 0).user.principal
            bob = try await test.library.accounts.createUser(name: "bob", credits: 0).user.principal
        }
    }

    @Test("a crate keeps its samples in the order given: added at the end or at a place, moved, removed, a sample added twice stays once", arguments: DatabaseEngine.tested)
    func order(engine: DatabaseEngine) async throws {
        let s = try await Setup(engine)
        let crates = s.library.crates
        let (a, b, c) = (s.samples[0], s.samples[1], s.samples[2])
        let made = try await crates.create(named: "  digging  ", as: s.ada)
        #expect(made.name == "digging", "the name is trimmed")
        #expect(made.count == 0 && made.items == [])
        _ = try await crates.add(a, to: made.id, as: s.ada)
        _ = try await crates.add(b, to: made.id, as: s.ada)
        var crate = try await crates.add(c, to: made.id, at: 1, as: s.ada)
        #expect(crate.items?.map(\.sample.id) == [c, a, b])
        #expect(crate.items?.map(\.position) == [1, 2, 3])
        crate = try await crates.add(a, to: made.id, as: s.ada)
        #expect(crate.items?.map(\.sample.id) == [c, a, b], "a sample already in the crate stays where it is")
        crate = try await crates.move(c, in: made.id, to: 3, as: s.ada)
        #expect(crate.items?.map(\.sample.id) == [a, b, c])
        crate = try await crates.move(b, in: made.id, to: 99, as: s.ada)
        #expect(crate.items?.map(\.sample.id) == [a, c, b], "past the end is last")
        crate = try await crates.remove(c, from: made.id, as: s.ada)
        #expect(crate.items?.map(\.sample.id) == [a, b])
        #expect(crate.items?.map(\.position) == [1, 2])
        await #expect(throws: SampleTokError.self) { try await crates.remove(c, from: made.id, as: s.ada) }
        do {
            _ = try await crates.move(c, in: made.id, to: 1, as: s.ada)
            Issue.record("moving a sample not in the crate")
        } catch let error as SampleTokError {
            #expect(error.code == "crate.item_not_found")
        }
        #expect(try await crates.list(as: s.ada).map(\.count) == [2])
        #expect(try await crates.crate(made.id, as: s.ada).items?.map(\.sample.id) == [a, b], "read again, the order holds")

        try await s.library.samples.delete(a)
        #expect(try await crates.crate(made.id, as: s.ada).items?.map(\.sample.id) == [b], "a deleted sample leaves its crates")
        try await crates.delete(made.id, as: s.ada)
        #expect(try await crates.list(as: s.ada).isEmpty)
        #expect(try await s.library.samples.sample(b).id == b, "deleting a crate keeps its samples")
    }

    @Test("names: unique per user, looked up by name, any case, id or prefix; bad names refused", arguments: DatabaseEngine.tested)
    func names(engine: DatabaseEngine) async throws {
        let s = try await Setup(engine)
        let crates = s.library.crates
        let made = try await crates.create(named: "Dusty Breaks", as: s.ada)
        _ = try await crates.create(named: "Dusty Breaks", as: s.bob)
        for (name, code) in [("Dusty Breaks", "crate.name_taken"), ("  ", "crate.name_invalid"), ("a\u{7}b", "crate.name_invalid"),
                             (String(repeating: "x", count: 101), "crate.name_invalid")] {
            do {
                _ = try await crates.create(named: name, as: s.ada)
                Issue.record("made a crate named \(name.debugDescription)")
            } catch let error as SampleTokError {
                #expect(error.code == code)
            }
        }
        #expect(try await crates.id(matching: "Dusty Breaks", as: s.ada) == made.id)
        #expect(try await crates.id(matching: "dusty breaks", as: s.ada) == made.id)
        #expect(try await crates.id(matching: String(made.id.uuidString.prefix(6)), as: s.ada) == made.id)
        #expect(try await crates.id(matching: made.id.uuidString, as: s.ada) == made.id)
        let other = try await crates.create(named: "keepers", as: s.ada)
        let renamed = try await crates.rename(other.id, to: "Keepers 2", as: s.ada)
        #expect(renamed.name == "Keepers 2")
        do {
            _ = try await crates.rename(other.id, to: "Dusty Breaks", as: s.ada)
            Issue.record("renamed onto another crate's name")
        } catch let error as SampleTokError {
            #expect(error.code == "crate.name_taken")
        }
        #expect(try await crates.list(as: s.ada).map(\.name) == ["Dusty Breaks", "Keepers 2"])
    }

    @Test("one user never sees nor changes another's crates or stars: their crates are not found", arguments: DatabaseEngine.tested)
    func ownership(engine: DatabaseEngine) async throws {
        let s = try await Setup(engine)
        let crates = s.library.crates
        let adas = try await crates.create(named: "mine", as: s.ada)
        _ = try await crates.add(s.samples[0], to: adas.id, as: s.ada)
        #expect(try await crates.list(as: s.bob).isEmpty)
        let attempts: [(String, @Sendable () async throws -> Void)] = [
            ("read", { _ = try await crates.crate(adas.id, as: s.bob) }),
            ("find by name", { _ = try await crates.id(matching: "mine", as: s.bob) }),
            ("find by id", { _ = try await crates.id(matching: adas.id.uuidString, as: s.bob) }),
            ("rename", { _ = try await crates.rename(adas.id, to: "theirs", as: s.bob) }),
            ("add", { _ = try await crates.add(s.samples[1], to: adas.id, as: s.bob) }),
            ("move", { _ = try await crates.move(s.samples[0], in: adas.id, to: 1, as: s.bob) }),
            ("remove", { _ = try await crates.remove(s.samples[0], from: adas.id, as: s.bob) }),
            ("delete", { try await crates.delete(adas.id, as: s.bob) }),
        ]
        for (what, attempt) in attempts {
            do {
                try await attempt()
                Issue.record("bob could \(what) ada's crate")
            } catch let error as SampleTokError {
                #expect(error.code == "crate.not_found", "\(what)")
            }
        }
        let kept = try await crates.crate(adas.id, as: s.ada)
        #expect(kept.name == "mine" && kept.items?.map(\.sample.id) == [s.samples[0]])

        try await crates.setStar(s.samples[1], true, as: s.ada)
        #expect(try await crates.stars(as: s.bob).isEmpty)
        let bobsStarred = try await s.library.samples.list(SampleQuery(starred: true), as: s.bob)
        #expect(bobsStarred.total == 0, "ada's stars do not filter bob's list")
    }

    @Test("stars: set and cleared once however often, listed newest first, and the list filters on them (query and search text)", arguments: DatabaseEngine.tested)
    func stars(engine: DatabaseEngine) async throws {
        let s = try await Setup(engine)
        let crates = s.library.crates
        let (a, b, c) = (s.samples[0], s.samples[1], s.samples[2])
        try await crates.setStar(b, true, as: s.ada)
        try await crates.setStar(a, true, as: s.ada)
        try await crates.setStar(a, true, as: s.ada)
        #expect(try await crates.stars(as: s.ada).count == 2)
        #expect(Set(try await crates.stars(as: s.ada)) == [a, b])
        let starred = try await s.library.samples.list(SampleQuery(starred: true), as: s.ada)
        #expect(Set(starred.items.map(\.id)) == [a, b] && starred.total == 2)
        let unstarred = try await s.library.samples.list(SampleQuery(starred: false), as: s.ada)
        #expect(unstarred.items.map(\.id) == [c])
        let typed = try await s.library.samples.list(SampleQuery(search: "starred:yes"), as: s.ada)
        #expect(Set(typed.items.map(\.id)) == [a, b], "the search text's starred:yes")
        #expect(try await s.library.samples.list(SampleQuery(search: "starred:yes")).total == 0, "the library itself starred nothing")
        try await crates.setStar(b, false, as: s.ada)
        try await crates.setStar(b, false, as: s.ada)
        #expect(try await crates.stars(as: s.ada) == [a])
        do {
            try await crates.setStar(UUID(), true, as: s.ada)
            Issue.record("starred a sample that is not there")
        } catch let error as SampleTokError {
            #expect(error.code == "sample.not_found")
        }
        try await s.library.samples.delete(a)
        #expect(try await crates.stars(as: s.ada).isEmpty, "a deleted sample's stars go with it")
    }
}
