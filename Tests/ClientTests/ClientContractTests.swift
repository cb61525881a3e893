import Client
import Engine
import Foundation
import Model
import Net
import Testing
import TestSupport

/// The same checks against every `SampleTokClient`: what a user of the terminal app or the CLI
/// sees must not depend on where the library is.
@Suite("SampleTokClient contract: embedded and remote behave alike", .serialized, .timeLimit(.minutes(5)))
struct ClientContractTests {
    @Test("list: every sample, search, filters, paging", arguments: ClientKind.allCases)
    func list(kind: ClientKind) async throws {
        try await ClientFixture.with(kind) { f in
            let all = try await f.client.list(SampleQuery())
            #expect(all.total == 3)
            #expect(Set(all.items.compactMap(\.title)) == Set(ClientFixture.titles))
            #expect(all.items.allSatisfy { $0.status == .completed })

            let kick = try await f.client.list(SampleQuery(search: "kic"))
            #expect(kick.items.map(\.title) == ["kick loop"])
            let none = try await f.client.list(SampleQuery(search: "trombone"))
            #expect(none.total == 0 && none.items.isEmpty)

            let paged = try await f.client.list(SampleQuery(sort: .oldest, page: 2, limit: 2))
            #expect(paged.total == 3 && paged.page == 2 && paged.limit == 2)
            #expect(paged.items.map(\.title) == ["vocal chop"])

            let completed = try await f.client.list(SampleQuery(status: .completed, limit: 1))
            #expect(completed.total == 3 && completed.items.count == 1)
            let failed = try await f.client.list(SampleQuery(status: .failed))
            #expect(failed.total == 0)

            // Words with spaces and characters a query string must escape.
            #expect(try await f.client.list(SampleQuery(search: "kick loop")).items.map(\.title) == ["kick loop"])
            #expect(try await f.client.list(SampleQuery(search: "loop&q=snare?#")).items.allSatisfy { $0.title == "kick loop" })

            // Key filters: the samples in a sample's key, and those that mix with it. A pure tone
            // has no key of its own (a sine has no partials to tell it from unpitched sound), so
            // one is given a key by hand.
            let keyed = try await f.library.samples.setOverrides(try await f.sample(titled: "snare roll").id,
                                                         SampleOverrides(key: MusicalKey(parsing: "A minor")))
            let key = try #require(keyed.key)
            let same = try await f.client.list(SampleQuery(key: key))
            #expect(same.items.contains { $0.id == keyed.id })
            #expect(same.items.allSatisfy { $0.key?.camelot == key.camelot })
            let mixing = try await f.client.list(SampleQuery(compatibleWith: key))
            let codes = Set(key.compatibleKeys.map(\.camelot))
            #expect(mixing.items.contains { $0.id == keyed.id })
            #expect(mixing.items.allSatisfy { $0.key.map { codes.contains($0.camelot) } == true })

            // Tempo filters (bpm_min/bpm_max over the wire for the remote client): the tones
            // have no tempo of their own, so each gets one by hand.
            for (title, bpm) in [("kick loop", 90.0), ("snare roll", 120.0), ("vocal chop", 140.0)] {
                _ = try await f.library.samples.setOverrides(try await f.sample(titled: title).id, SampleOverrides(bpm: bpm))
            }
            let mid = try await f.client.list(SampleQuery(bpmMin: 100, bpmMax: 130))
            #expect(mid.items.map(\.title) == ["snare roll"])
            let fast = try await f.client.list(SampleQuery(bpmMin: 121))
            #expect(fast.items.map(\.title) == ["vocal chop"])
            let slow = try await f.client.list(SampleQuery(bpmMax: 90))
            #expect(slow.items.map(\.title) == ["kick loop"])
        }
    }

    @Test("a page without the count (count=false over the wire) is exact short of a full page; count(_:) counts apart",
          arguments: ClientKind.allCases)
    func uncountedPages(kind: ClientKind) async throws {
        try await ClientFixture.with(kind) { f in
            // Full: the rows up to its end, and one more (there may be more).
            let full = try await f.client.list(SampleQuery(sort: .oldest, limit: 2, counted: false))
            #expect(full.items.count == 2 && full.total == 3)
            let last = try await f.client.list(SampleQuery(sort: .oldest, page: 2, limit: 2, counted: false))
            #expect(last.items.map(\.title) == ["vocal chop"] && last.total == 3)
            // One full page of exactly every match still says one more; the count says how many.
            let exactlyFull = try await f.client.list(SampleQuery(limit: 3, counted: false))
            #expect(exactlyFull.total == 4)
            #expect(try await f.client.count(SampleQuery(limit: 3, counted: false)) == 3)
            #expect(try await f.client.count(SampleQuery(search: "kic")) == 1)
            #expect(try await f.client.count(SampleQuery(search: "trombone")) == 0)
            // A page past the end counts, having no row to say more.
            let past = try await f.client.list(SampleQuery(page: 5, limit: 2, counted: false))
            #expect(past.items.isEmpty && past.total == 3)
        }
    }

    @Test("similar: neighbours by aspect, closest first, never the sample itself; filters; unknown id sample.not_found",
          arguments: ClientKind.allCases)
    func similar(kind: ClientKind) async throws {
        try await ClientFixture.with(kind) { f in
            let kick = try await f.sample(titled: "kick loop")
            let prefix = String(kick.id.uuidString.lowercased().prefix(8))
            for aspect in SimilarityAspect.allCases {
                let found = try await f.client.similar(prefix, SimilarityQuery(aspect: aspect))
                #expect(found.sampleID == kick.id && found.aspect == aspect)
                #expect(Set(found.items.compactMap(\.sample.title)) == ["snare roll", "vocal chop"])
                #expect(found.items.map(\.similarity) == found.items.map(\.similarity).sorted(by: >))
            }
            // The same answer both ways: the embedded library's own.
            let direct = try await f.library.samples.similar(to: kick.id, SimilarityQuery(aspect: .timbre, limit: 1))
            let one = try await f.client.similar(kick.id.uuidString, SimilarityQuery(aspect: .timbre, limit: 1))
            #expect(one.items.map(\.sample.id) == direct.items.map(\.sample.id))
            #expect(one.items.map(\.similarity) == direct.items.map(\.similarity))
            // A tempo filter over the wire.
            _ = try await f.library.samples.setOverrides(try await f.sample(titled: "vocal chop").id, SampleOverrides(bpm: 140))
            let fast = try await f.client.similar(prefix, SimilarityQuery(filters: SampleQuery(bpmMin: 130, bpmMax: 150)))
            #expect(fast.items.map(\.sample.title) == ["vocal chop"])
            do {
                _ = try await f.client.similar(UUID().uuidString, SimilarityQuery())
                Issue.record("an unknown id has no neighbours")
            } catch let error as SampleTokError {
                #expect(error.code == "sample.not_found")
            }
        }
    }

    @Test("a sample by id and by prefix; an unknown id is sample.not_found", arguments: ClientKind.allCases)
    func sampleByID(kind: ClientKind) async throws {
        try await ClientFixture.with(kind) { f in
            let kick = try await f.sample(titled: "kick loop")
            let byID = try await f.client.sample(kick.id.uuidString)
            #expect(byID.id == kick.id && byID.title == "kick loop")
            let prefix = String(kick.id.uuidString.lowercased().prefix(8))
            #expect(try await f.client.sample(prefix).id == kick.id)
            for unknown in [UUID().uuidString, "zz", "not a sample id!"] {
                await #expect(throws: SampleTokError.self) { try await f.client.sample(unknown) }
                do {
                    _ = try await f.client.sample(unknown)
                } catch let error as SampleTokError {
                    #expect(error.code == "sample.not_found", "\(unknown): \(error)")
                }
            }
        }
    }

    @Test("peaks and media of a completed sample: peaks cover its length, every file is readable", arguments: ClientKind.allCases)
    func peaksAndMedia(kind: ClientKind) async throws {
        try await ClientFixture.with(kind) { f in
            let kick = try await f.client.sample(try await f.sample(titled: "kick loop").id.uuidString)
            let peaks = try await f.client.peaks(of: kick.id)
            #expect(peaks.sampleRate == 48_000)
            #expect(abs(Double(peaks.frames) / 48_000 - 1) < 0.01)
            #expect(!peaks.levels.isEmpty && peaks.levels.allSatisfy { $0.binCount > 0 })
            let media = f.client.media(of: kick)
            let urls = [media.hls, media.hlsFirstSegment, media.mp3, media.wav]
            #expect(urls.allSatisfy { $0 != nil })
            let wav = try await read(try #require(media.wav))
            let wavKey = try #require(kick.files?.wav?.key)
            let stored = try Data(contentsOf: try #require(f.library.blobs.localURL(for: try BlobKey(wavKey))))
            #expect(wav == stored)
            let playlist = String(decoding: try await read(try #require(media.hls)), as: UTF8.self)
            #expect(playlist.hasPrefix("#EXTM3U"))
            #expect(try await read(try #require(media.hlsFirstSegment)).count > 1000)
        }
    }

    @Test("export writes the stored bytes under the sample's name and counts the download", arguments: ClientKind.allCases)
    func export(kind: ClientKind) async throws {
        try await ClientFixture.with(kind) { f in
            let kick = try await f.library.samples.setOverrides(try await f.sample(titled: "kick loop").id,
                                                        SampleOverrides(bpm: 96, key: MusicalKey(parsing: "A minor")))
            let folder = f.scratch.url.appendingPathComponent("exports/\(kind)")
            for format in ExportFormat.allCases {
                let file = try await f.client.export(String(kick.id.uuidString.prefix(6)), format: format, to: folder)
                #expect(file.lastPathComponent == "kick loop - 96 BPM - A minor.\(format.rawValue)")
                let key = try #require(format == .wav ? kick.files?.wav?.key : kick.files?.mp3?.key)
                let stored = try Data(contentsOf: try #require(f.library.blobs.localURL(for: try BlobKey(key))))
                #expect(try Data(contentsOf: file) == stored)
            }
            #expect(try await f.client.sample(kick.id.uuidString).downloadCount == 2)
            await #expect(throws: SampleTokError.self) { try await f.client.export(UUID().uuidString, format: .wav, to: folder) }
        }
    }

    @Test("submit a URL and follow its events to completion; a second submit finds the same sample; jobs list it",
          arguments: ClientKind.allCases)
    func submitAndFollow(kind: ClientKind) async throws {
        try await ClientFixture.with(kind, samples: false) { f in
            let url = f.media.url("/files/tone.wav")
            let outcome = try await f.client.submit(url)
            #expect(outcome.created)
            #expect(outcome.sample.sourceURL == url)
            var events: [ProgressEvent] = []
            for try await event in f.client.events(of: outcome.sample.id) { events.append(event) }
            let last = try #require(events.last)
            #expect(last.status == .completed && last.isFinal)
            #expect(events.dropLast().allSatisfy { !$0.isFinal })
            #expect(events.allSatisfy { $0.sampleID == outcome.sample.id })
            let done = try await f.client.sample(outcome.sample.id.uuidString)
            #expect(done.status == .completed)
            #expect(abs((done.duration ?? 0) - 1) < 0.01)

            let again = try await f.client.submit(url)
            #expect(!again.created && again.sample.id == outcome.sample.id)

            // A finished sample: one final event, at once.
            var replay: [ProgressEvent] = []
            for try await event in f.client.events(of: outcome.sample.id) { replay.append(event) }
            #expect(replay.count == 1 && replay.first?.status == .completed)

            #expect(try await f.client.jobs(includeDone: false).isEmpty)
            let all = try await f.client.jobs(includeDone: true)
            #expect(all.map(\.sampleID) == [outcome.sample.id])
            #expect(all.first?.status == .done)
        }
    }

    @Test("a failed sample: its events end failed with the error; retry after the cause is gone completes it",
          arguments: ClientKind.allCases)
    func retryFailed(kind: ClientKind) async throws {
        try await ClientFixture.with(kind, samples: false) { f in
            let url = f.media.url("/broken/tone.wav")
            let outcome = try await f.client.submit(url)
            var last: ProgressEvent?
            for try await event in f.client.events(of: outcome.sample.id) { last = event }
            #expect(last?.status == .failed)
            #expect(last?.error != nil)
            let failed = try await f.client.sample(outcome.sample.id.uuidString)
            #expect(failed.status == .failed && failed.error != nil)
            let pending = try await f.client.jobs(includeDone: false)
            #expect(pending.first?.status == .failed && pending.first?.sampleID == outcome.sample.id)

            _ = try await HTTPClient().send(.get(f.media.url("/heal/tone.wav")))
            let retried = try await f.client.retry(String(outcome.sample.id.uuidString.prefix(8)))
            #expect(retried.status == .pending)
            for try await event in f.client.events(of: outcome.sample.id) { last = event }
            #expect(last?.status == .completed)
            #expect(try await f.client.sample(outcome.sample.id.uuidString).status == .completed)

            do {
                _ = try await f.client.retry(UUID().uuidString)
                Issue.record("retry of an unknown sample succeeded")
            } catch let error as SampleTokError {
                #expect(error.code == "sample.not_found")
            }
        }
    }

    @Test("me: the user, their credits and the ledger entry that opened the account", arguments: ClientKind.allCases)
    func me(kind: ClientKind) async throws {
        try await ClientFixture.with(kind, samples: false) { f in
            let account = try await f.client.me()
            let user = account.user
            #expect(user.credits == 7 && account.balance == 7)
            #expect(user.name == (kind == .embedded ? AccountService.localUserName : "ada"))
            #expect(account.ledger.map(\.reason) == [.accountOpen])
            #expect(account.ledger.map(\.balanceAfter) == [7])
            #expect(account.ledger.allSatisfy { $0.userID == user.id })
            #expect(try await f.client.me().user.id == user.id, "the same user every time")
        }
    }
}

extension ClientContractTests {
    @Test("collections: create (charged per item), follow to the end with a failed item refunded, list, show by prefix, reset refused",
          arguments: ClientKind.allCases)
    func collections(kind: ClientKind) async throws {
        try await ClientFixture.with(kind, samples: false) { f in
            let urls = [f.media.url("/files/tone.wav"), f.media.url("/page")]
            let made = try await f.client.createCollection(.urls(urls))
            #expect(made.items?.map(\.url) == urls)
            #expect(made.creditsCharged == 2)
            #expect(made.owner == (kind == .embedded ? AccountService.localUserName : "ada"))
            let deadline = ContinuousClock.now + .seconds(60)
            var current = made
            while current.status != .finished, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
                current = try await f.client.collection(String(made.id.uuidString.prefix(8)))
            }
            #expect(current.status == .finished)
            #expect(current.items?.map(\.status) == [.completed, .failed])
            #expect(current.items?.first?.sampleID.map { _ in true } == true)
            #expect(current.creditsRefunded == 1)
            #expect(try await f.client.me().balance == 7 - 2 + 1)

            let list = try await f.client.collections()
            #expect(list.map(\.id) == [made.id])
            #expect(list.first?.items == nil, "lists carry no items")
            #expect(list.first?.progress == current.progress)
            do {
                _ = try await f.client.resetCollection(made.id.uuidString)
                Issue.record("a finished collection was reset")
            } catch let error as SampleTokError {
                #expect(error.code == "collection.finished")
            }
            do {
                _ = try await f.client.collection(UUID().uuidString)
                Issue.record("an unknown collection was found")
            } catch let error as SampleTokError {
                #expect(error.code == "collection.not_found")
            }
        }
    }
}

/// The bytes at a file or http(s) URL.
func read(_ url: URL) async throws -> Data {
    if url.isFileURL { return try Data(contentsOf: url) }
    let response = try await HTTPClient().send(.get(url.absoluteString))
    guard response.isSuccess else { throw SampleTokError(code: "test.http", message: "\(url): \(response.status)") }
    return response.body
}

extension ClientContractTests {
    @Test("crates: make, add (by prefix, at a place), move, remove, rename, delete; by name with a space; the same errors both ways",
          arguments: ClientKind.allCases)
    func crates(kind: ClientKind) async throws {
        try await ClientFixture.with(kind) { f in
            let kick = try await f.sample(titled: "kick loop")
            let snare = try await f.sample(titled: "snare roll")
            let vocal = try await f.sample(titled: "vocal chop")
            let made = try await f.client.createCrate(named: "Dusty Breaks")
            #expect(made.count == 0)
            _ = try await f.client.addToCrate("Dusty Breaks", sample: String(kick.id.uuidString.prefix(8)), at: nil)
            _ = try await f.client.addToCrate("dusty breaks", sample: snare.id.uuidString, at: nil)
            var crate = try await f.client.addToCrate(String(made.id.uuidString.prefix(6)), sample: vocal.id.uuidString, at: 1)
            #expect(crate.items?.map(\.sample.id) == [vocal.id, kick.id, snare.id])
            crate = try await f.client.moveInCrate("Dusty Breaks", sample: vocal.id.uuidString, to: 3)
            #expect(crate.items?.map(\.sample.title) == ["kick loop", "snare roll", "vocal chop"])
            crate = try await f.client.removeFromCrate("Dusty Breaks", sample: snare.id.uuidString)
            #expect(crate.items?.map(\.position) == [1, 2])
            #expect(try await f.client.crates().map(\.count) == [2])
            crate = try await f.client.renameCrate("Dusty Breaks", to: "Keepers")
            #expect(try await f.client.crate("Keepers").items?.map(\.sample.id) == [kick.id, vocal.id])

            let refusals: [(String, @Sendable () async throws -> Void)] = [
                ("crate.name_taken", { _ = try await f.client.createCrate(named: "Keepers") }),
                ("crate.name_invalid", { _ = try await f.client.createCrate(named: "  ") }),
                ("crate.not_found", { _ = try await f.client.crate("nope") }),
                ("crate.item_not_found", { _ = try await f.client.removeFromCrate("Keepers", sample: snare.id.uuidString) }),
                ("sample.not_found", { _ = try await f.client.addToCrate("Keepers", sample: UUID().uuidString, at: nil) }),
            ]
            for (code, attempt) in refusals {
                do {
                    try await attempt()
                    Issue.record("no \(code)")
                } catch let error as SampleTokError {
                    #expect(error.code == code)
                }
            }
            try await f.client.deleteCrate("Keepers")
            #expect(try await f.client.crates().isEmpty)
        }
    }

    @Test("stars: star, list starred only (query and search text), unstar", arguments: ClientKind.allCases)
    func stars(kind: ClientKind) async throws {
        try await ClientFixture.with(kind) { f in
            let kick = try await f.sample(titled: "kick loop")
            let state = try await f.client.setStar(String(kick.id.uuidString.prefix(8)), true)
            #expect(state == StarState(sampleID: kick.id, starred: true))
            #expect(try await f.client.stars() == [kick.id])
            #expect(try await f.client.list(SampleQuery(starred: true)).items.map(\.id) == [kick.id])
            #expect(try await f.client.list(SampleQuery(search: "starred:yes")).items.map(\.id) == [kick.id])
            #expect(try await f.client.list(SampleQuery(starred: false)).total == 2)
            _ = try await f.client.setStar(kick.id.uuidString, false)
            #expect(try await f.client.stars().isEmpty)
            #expect(try await f.client.list(SampleQuery(starred: true)).total == 0)
        }
    }

    @Test("crate export: each sample in order, numbered, and crate.m3u8 with relative paths, durations and titles",
          arguments: ClientKind.allCases)
    func crateExport(kind: ClientKind) async throws {
        try await ClientFixture.with(kind) { f in
            let kick = try await f.sample(titled: "kick loop")
            let vocal = try await f.sample(titled: "vocal chop")
            _ = try await f.client.createCrate(named: "set one")
            _ = try await f.client.addToCrate("set one", sample: vocal.id.uuidString, at: nil)
            _ = try await f.client.addToCrate("set one", sample: kick.id.uuidString, at: nil)
            let folder = f.scratch.url.appendingPathComponent("crate-out")
            let outcome = try await CrateExport(client: f.client).run("set one", format: .wav, to: folder)
            #expect(outcome.skipped.isEmpty)
            let names = outcome.files.map(\.lastPathComponent)
            #expect(names == ["01 \(vocal.exportFileName(.wav))", "02 \(kick.exportFileName(.wav))"])
            for file in outcome.files {
                let data = try Data(contentsOf: file)
                #expect(data.prefix(4) == Data("RIFF".utf8), "\(file.lastPathComponent) is a WAV")
            }
            let contents = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            #expect(contents == (names + [CrateExport.playlistName]).sorted(), "nothing else is left in the folder")
            let playlist = try String(contentsOf: outcome.playlist, encoding: .utf8)
            let lines = playlist.split(separator: "\n").map(String.init)
            #expect(lines.first == "#EXTM3U")
            #expect(lines.count == 5)
            #expect(lines[1].hasPrefix("#EXTINF:1,") && lines[1].hasSuffix("vocal chop"), "\(lines[1])")
            #expect(lines[2] == names[0])
            #expect(lines[3].hasSuffix("kick loop") && lines[4] == names[1])
        }
    }
}
