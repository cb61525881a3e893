import Engine
import Foundation
import Model
import StemTestSupport
import Testing

@Suite("stem jobs: requests, the worker, refunds, downloads")
struct StemJobTests {
    /// A library with a completed sample, the copy separator as `local` and a user with `credits`.
    static func fixture(credits: Int, separator: CopySeparator = CopySeparator()) async throws -> (TestLibrary, Sample, User) {
        let test = try await TestLibrary(separator: separator)
        let outcome = try await test.library.samples.submit(try test.tone("mix.wav", frequency: 220, seconds: 2))
        try await test.drain()
        let sample = try await test.library.samples.sample(outcome.sample.id)
        #expect(sample.status == .completed)
        let user = try await test.library.accounts.createUser(name: "ada", credits: credits).user
        return (test, sample, user)
    }

    @Test("a stem job makes every stem like a sample: WAV, MP3, HLS, peaks, duration, analysis; 2 credits per stem")
    func completes() async throws {
        let (test, sample, user) = try await Self.fixture(credits: 10)
        let library = test.library
        let job = try await library.stems.request(of: sample.id, stems: [.drum, .vocal, .drum], as: user.principal)
        #expect(job.requested == [.drum, .vocal], "duplicates count once")
        #expect(job.cost == 4 && job.status == .pending && job.stems.count == 2)
        #expect(try await library.accounts.account(as: user.principal).balance == 6)
        let queued = try await library.jobs.list(includeDone: false)
        #expect(queued.contains { $0.id == job.id && $0.kind == .stems && $0.sampleID == sample.id })
        // The user who asked sees the stem job among their jobs (GET /api/v1/jobs), another user does not.
        #expect(try await library.jobs.list(as: user.principal).contains { $0.id == job.id })
        let bob = try await library.accounts.createUser(name: "bob").user
        #expect(try await library.jobs.list(as: bob.principal).isEmpty)

        let stream = library.jobs.follow(.stemJob(job.id), pollInterval: .milliseconds(50))
        let follow = Task { () -> [ProgressEvent] in
            var seen: [ProgressEvent] = []
            for try await event in stream { seen.append(event) }
            return seen
        }
        try await test.drain()
        let events = try await follow.value
        #expect(events.last?.step == "done" && events.last?.status == .completed)
        #expect(events.allSatisfy { $0.stemJobID == job.id && $0.sampleID == sample.id })
        // Following polls, so a short step (store) can fall between two polls; the long ones are seen.
        #expect(Set(events.map(\.step)).isSuperset(of: ["separate", "process"]))
        let kept = events.map(\.sequence).filter { $0 > 0 }
        #expect(kept == Array(1...max(1, kept.count)), "kept events once each, in order: \(events.map(\.sequence))")

        let done = try await library.stems.stemJob(job.id)
        #expect(done.status == .completed && done.error == nil)
        #expect(done.stems.map(\.type) == [.vocal, .drum])
        for stem in done.stems {
            #expect(stem.status == .completed)
            #expect(abs((stem.duration ?? 0) - 2) < 0.05, "the stem is as long as the sample")
            #expect(stem.analysis != nil)
            let files = try #require(stem.files)
            #expect(files.wav != nil && files.mp3 != nil && files.hls != nil && files.peaks != nil && files.hlsFirstSegment != nil)
            #expect(files.wav?.key.contains("stems/\(stem.id.uuidString.lowercased())") == true)
            let peaks = try JSONDecoder().decode(Peaks.self, from: try await library.assets.peaks(of: .stem(stem.id)))
            #expect(peaks.frames > 90_000)
        }
        #expect(done.stems.first { $0.type == .vocal }?.estimate == true)
        #expect(done.stems.first { $0.type == .drum }?.estimate == false)
        #expect(try await library.stems.jobs(of: sample.id).map(\.id) == [job.id])
        #expect(try await library.samples.sample(sample.id).status == .completed, "the sample is untouched")
    }

    @Test("refusals: no stems, more than 5, a type the provider cannot make, an unconfigured or unknown provider, a sample not ready; none charges")
    func refusals() async throws {
        let (test, sample, user) = try await Self.fixture(credits: 100)
        let library = test.library
        func code(_ stems: [StemType], _ provider: String? = nil, sample id: UUID? = nil) async -> String? {
            do {
                _ = try await library.stems.request(of: id ?? sample.id, stems: stems, provider: provider, as: user.principal)
                return nil
            } catch let error as SampleTokError { return error.code } catch { return "\(error)" }
        }
        #expect(await code([]) == "stems.none")
        #expect(await code([.vocal, .voice, .drum, .bass, .electricGuitar, .acousticGuitar]) == "stems.too_many")
        #expect(await code([.drum, .piano]) == "stems.unsupported")
        #expect(await code([.drum], "lalal") == "stems.provider_unconfigured")
        #expect(await code([.drum], "spleeter") == "stems.provider_unknown")
        #expect(await code([.drum], sample: UUID()) == "sample.not_found")
        #expect(try await library.accounts.account(as: user.principal).balance == 100)
        #expect(await code([.vocal, .voice, .drum, .bass, .electricGuitar]) == nil, "five is allowed")
        #expect(try await library.accounts.account(as: user.principal).balance == 90)
        let catalog = library.stems.catalog()
        #expect(catalog.costPerStem == 2 && catalog.maxStemsPerRequest == 5 && catalog.downloadCost == 1)
        #expect(catalog.defaultProvider == "local")
        #expect(catalog.provider("local")?.configured == true)
        #expect(catalog.provider("local")?.offer(.piano)?.support == .unsupported)
        #expect(catalog.provider("local")?.offer(.vocal)?.support == .estimate)
        #expect(catalog.provider("lalal")?.configured == false)
        #expect(catalog.provider("lalal")?.reason?.contains("LALAL_API_KEY") == true)
    }

    @Test("a stem job that finally fails is refunded: the balance comes back, with a stems.refund entry; the ledger sums to the balance")
    func refund() async throws {
        let failing = CopySeparator(failure: SampleTokError(code: "stems.provider_failed", message: "the separator broke"))
        let (test, sample, user) = try await Self.fixture(credits: 5, separator: failing)
        let library = test.library
        let job = try await library.stems.request(of: sample.id, stems: [.drum, .bass], as: user.principal)
        #expect(try await library.accounts.account(as: user.principal).balance == 1)
        try await test.drain()
        let failed = try await library.stems.stemJob(job.id)
        #expect(failed.status == .failed)
        #expect(failed.error?.code == "stems.provider_failed")
        #expect(failed.stems.allSatisfy { $0.status == .failed })
        #expect(failing.runCount == 4, "retried up to the job's tries, like a sample job")
        let account = try await library.accounts.account(as: user.principal)
        #expect(account.balance == 5)
        #expect(account.ledger.map(\.reason) == [.stemsRefund, .stemsCharge, .accountOpen])
        #expect(account.ledger.first?.delta == 4 && account.ledger.first?.reference == job.id)
        #expect(account.ledger.reduce(0) { $0 + $1.delta } == account.balance)
        let jobs = try await library.jobs.list(includeDone: true)
        #expect(jobs.first { $0.id == job.id }?.status == .failed)
    }

    @Test("the stem jobs of several samples in one call: each as jobs(of:) answers it for the viewer; none for a sample without stem work or not there")
    func jobsOfSamples() async throws {
        let (test, sample, user) = try await Self.fixture(credits: 4)
        let library = test.library
        let missing = UUID()
        let none = try await library.stems.jobs(ofSamples: [sample.id, missing], as: user.principal)
        #expect(none.count == 2 && none[sample.id]?.isEmpty == true && none[missing]?.isEmpty == true)
        let job = try await library.stems.request(of: sample.id, stems: [.drum, .bass], as: user.principal)
        let mine = try await library.stems.jobs(ofSamples: [sample.id, missing, sample.id], as: user.principal)
        let one = try await library.stems.jobs(of: sample.id, as: user.principal)
        #expect(mine.count == 2 && mine[missing]?.isEmpty == true)
        #expect(mine[sample.id]?.map(\.id) == [job.id] && mine[sample.id]?.map(\.id) == one.map(\.id))
        #expect(mine[sample.id]?.first?.stems.map(\.id) == one.first?.stems.map(\.id))
        #expect(mine[sample.id]?.first?.stems.map(\.exportCost) == one.first?.stems.map(\.exportCost))
        let bob = try await library.accounts.createUser(name: "bob").user
        #expect(try await library.stems.jobs(ofSamples: [sample.id], as: bob.principal)[sample.id]?.isEmpty == true)
        #expect(try await library.stems.jobs(ofSamples: [sample.id])[sample.id]?.map(\.id) == [job.id], "the library itself sees every job")
        #expect(try await library.stems.jobs(ofSamples: []).isEmpty)
    }

    @Test("a stem download costs 1 credit the first time, later ones (either format) are free; a stem not ready is refused; another user is told it does not exist")
    func downloadOnce() async throws {
        let (test, sample, user) = try await Self.fixture(credits: 3)
        let library = test.library
        let job = try await library.stems.request(of: sample.id, stems: [.drum], as: user.principal)
        let pending = try #require(job.stems.first)
        do {
            _ = try await library.assets.download(.stem(pending.id), format: .wav, as: user.principal)
            Issue.record("a pending stem downloaded")
        } catch let error as SampleTokError {
            #expect(error.code == "stem.not_ready")
        }
        try await test.drain()
        #expect(try await library.stems.stem(pending.id, as: user.principal).exportCost == 1, "the price before the first download")
        let folder = test.scratch.url.appendingPathComponent("export")
        let exported = try await library.assets.export(.stem(pending.id), format: .wav, to: folder, as: user.principal)
        #expect(try await library.stems.jobs(of: sample.id, as: user.principal).flatMap(\.stems).first?.exportCost == 0,
                "paid once: later downloads are free")
        #expect(exported.lastPathComponent.hasSuffix(" - drum.wav"))
        #expect(try await library.accounts.account(as: user.principal).balance == 0)
        let first = try await library.assets.download(.stem(pending.id), format: .wav, as: user.principal)
        #expect(first.file.key.hasSuffix("audio.wav"))
        #expect(try Data(contentsOf: exported).count == first.file.bytes)
        let again = try await library.assets.download(.stem(pending.id), format: .mp3, as: user.principal)
        #expect(again.file.key.hasSuffix("audio.mp3"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [exported.lastPathComponent], "no temporary file is left")
        let account = try await library.accounts.account(as: user.principal)
        #expect(account.balance == 0)
        #expect(account.ledger.filter { $0.reason == .stemDownload }.count == 1)
        #expect(try await library.stems.stem(pending.id).downloadCount == 3)
        let other = try await library.accounts.createUser(name: "bo", credits: 5).user
        for format in [ExportFormat.wav, .mp3] {
            do {
                _ = try await library.assets.download(.stem(pending.id), format: format, as: other.principal)
                Issue.record("another user downloaded the stem")
            } catch let error as SampleTokError {
                #expect(error.code == "stem.not_found")
            }
        }
        #expect(try await library.accounts.account(as: other.principal).balance == 5)
        #expect(try await library.stems.stem(pending.id).downloadCount == 3, "a refused download is not counted")
        let admin = try await library.accounts.createUser(name: "root", credits: 5, isAdmin: true).user
        let seen = try await library.stems.stemJob(job.id, as: admin.principal).stems.first
        #expect(seen?.downloadCount == 3 && seen?.exportCost == 1, "what the owner paid is not the admin's: \(String(describing: seen))")
    }

    @Test("an export and its charge succeed or fail together: a folder that cannot be made costs nothing and is not counted; a refused charge leaves no file")
    func exportAndChargeTogether() async throws {
        let (test, sample, user) = try await Self.fixture(credits: 3)
        let library = test.library
        let job = try await library.stems.request(of: sample.id, stems: [.drum], as: user.principal)
        try await test.drain()
        let stem = try #require(job.stems.first)
        for bad in ["/proc/nope", "/dev/null/x"] {
            do {
                _ = try await library.assets.export(.stem(stem.id), format: .wav, to: URL(fileURLWithPath: bad), as: user.principal)
                Issue.record("an export into \(bad) succeeded")
            } catch let error as SampleTokError {
                #expect(error.code == "output.unwritable", "\(bad): \(error)")
            }
        }
        var account = try await library.accounts.account(as: user.principal)
        #expect(account.balance == 1)
        #expect(account.ledger.map(\.reason) == [.stemsCharge, .accountOpen], "no stem.download for a failed export")
        #expect(try await library.stems.stem(stem.id).downloadCount == 0)

        // The second stem, asked for with the last credits: its export is refused for want of one.
        let poor = try await library.accounts.createUser(name: "po", credits: 2).user
        let other = try await library.stems.request(of: sample.id, stems: [.drum], as: poor.principal)
        try await test.drain()
        let folder = test.scratch.url.appendingPathComponent("poor")
        do {
            _ = try await library.assets.export(.stem(try #require(other.stems.first).id), format: .mp3, to: folder, as: poor.principal)
            Issue.record("an export without credits succeeded")
        } catch let error as SampleTokError {
            #expect(error.code == "credits.insufficient")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "no file, not even a temporary one")
        account = try await library.accounts.account(as: poor.principal)
        #expect(account.balance == 0 && account.ledger.filter { $0.reason == .stemDownload }.isEmpty)
    }

    @Test("asking again for a stem the user has or waits for is stems.already_requested and charges nothing; another user, or another stem type, may")
    func duplicateRequests() async throws {
        let (test, sample, user) = try await Self.fixture(credits: 20)
        let library = test.library
        let first = try await library.stems.request(of: sample.id, stems: [.drum, .bass], as: user.principal)
        for stems in [[StemType.drum], [.bass, .strings], [.strings, .drum]] {
            do {
                _ = try await library.stems.request(of: sample.id, stems: stems, as: user.principal)
                Issue.record("a duplicate request of \(stems) in flight was accepted")
            } catch let error as SampleTokError {
                #expect(error.code == "stems.already_requested")
                #expect(error.message.contains(stems.contains(.drum) ? "drum" : "bass"), "\(error.message)")
            }
        }
        try await test.drain()
        do {
            _ = try await library.stems.request(of: sample.id, stems: [.drum], provider: "local", as: user.principal)
            Issue.record("a duplicate request of an owned stem was accepted")
        } catch let error as SampleTokError {
            #expect(error.code == "stems.already_requested")
        }
        var account = try await library.accounts.account(as: user.principal)
        #expect(account.balance == 16, "20 − 4 for drum and bass, nothing for the refusals")
        #expect(account.ledger.filter { $0.reason == .stemsCharge }.count == 1)
        #expect(try await library.stems.jobs(of: sample.id).map(\.id) == [first.id], "no duplicate rows")

        // Another user may ask for the same stem; so may the first for a new type.
        let other = try await library.accounts.createUser(name: "ot", credits: 2).user
        _ = try await library.stems.request(of: sample.id, stems: [.drum], as: other.principal)
        _ = try await library.stems.request(of: sample.id, stems: [.strings], as: user.principal)
        account = try await library.accounts.account(as: user.principal)
        #expect(account.balance == 14)
    }
}
