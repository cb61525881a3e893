@testable import Engine
import Foundation
import Model
import Net
import Testing
import TestSupport

/// Stem jobs with LALAL.AI as the provider, end to end inside the engine: the request charges,
/// a worker runs the job against `FakeLALAL` (the v1 contract on loopback), the stems are
/// stored, or the job fails and is refunded: at once for what a retry cannot cure, after its
/// tries for LALAL.AI's own server errors.
@Suite("stem jobs through LALAL.AI (the fake)", .serialized)
struct LALALStemJobTests {
    /// A library with a completed two-second sample, a fake LALAL.AI and a user with 20 credits.
    final class Rig: @unchecked Sendable {
        let test: TestLibrary
        let fake: FakeLALAL
        let clock = TestStemClock()
        let sample: Sample
        let user: User

        /// `viaConfiguration`: the `lalal` provider is made from `LALAL_API_KEY` and
        /// `LALAL_API_BASE_URL` as in a real server (and waits in real time); otherwise it is
        /// configured with the test clock, so timeouts and backoff take no time.
        init(_ script: FakeLALAL.Script = .init(progress: []), key: String = FakeLALAL.key, viaConfiguration: Bool = false) async throws {
            let scratch = Scratch("lalal-job")
            let track = scratch.url.appendingPathComponent("track.wav")
            let tone = (0..<96_000).map { Float(0.3 * sin(Double($0) * 2 * .pi * 330 / 48_000)) }
            try StemAudio.write(left: tone, right: tone, to: track.path)
            fake = try await FakeLALAL(clock: clock, track: try Data(contentsOf: track))
            fake.script = script
            let base = fake.baseURL
            // Configured with the test clock unless made from the configuration.
            let separator = viaConfiguration ? nil : LALALStemSeparator(client: LALALClient(baseURL: base, key: key, http: HTTPClient()),
                                                                       timeout: 600, clock: clock, gate: LALALCheckGate())
            test = try await TestLibrary(separator: separator) { configuration in
                configuration.retryBaseDelay = 0.01
                if viaConfiguration {
                    configuration.lalalAPIKey = key
                    configuration.lalalBaseURL = base
                }
            }
            let outcome = try await test.library.samples.submit(try test.tone("mix.wav", frequency: 220, seconds: 2))
            try await test.drain()
            sample = try await test.library.samples.sample(outcome.sample.id)
            user = try await test.library.accounts.createUser(name: "ada", credits: 20).user
        }

        /// Asks for `stems` from LALAL.AI and runs the workers until the job is done or failed.
        func run(_ stems: [StemType]) async throws -> StemJob {
            let job = try await test.library.stems.request(of: sample.id, stems: stems, provider: "lalal", as: user.principal)
            try await test.drain()
            return try await test.library.stems.stemJob(job.id)
        }

        var uploads: Int { fake.seen("/api/v1/upload/").count }
        func account() async throws -> Account { try await test.library.accounts.account(as: user.principal) }
        /// The job queue's record of a stem job.
        func queued(_ job: StemJob) async throws -> JobInfo {
            try #require(try await test.library.jobs.list(includeDone: true).first { $0.id == job.id })
        }
    }

    @Test("a LALAL.AI stem job, with the provider made from LALAL_API_KEY and LALAL_API_BASE_URL, uploads once, splits each stem, stores every stem like a sample and charges 2 credits a stem")
    func completes() async throws {
        let rig = try await Rig(viaConfiguration: true)
        defer { Task { [fake = rig.fake] in await fake.stop() } }
        let done = try await rig.run([.vocal, .drum])
        #expect(done.status == .completed && done.error == nil, "\(String(describing: done.error))")
        #expect(done.provider == "lalal")
        for stem in done.stems {
            #expect(stem.status == .completed)
            let files = try #require(stem.files)
            #expect(files.wav != nil && files.mp3 != nil && files.hls != nil && files.peaks != nil)
            #expect(abs((stem.duration ?? 0) - 2) < 0.05, "the fake's two-second track was processed and stored")
        }
        #expect(rig.uploads == 1)
        let splits = rig.fake.seen("/api/v1/split/stem_separator/")
        #expect(splits.compactMap { ($0.json["presets"] as? [String: Any])?["stem"] as? String }.sorted() == ["drum", "vocals"])
        #expect(rig.fake.seen("/api/v1/delete/").count == 1, "the upload is deleted afterwards")
        let account = try await rig.account()
        #expect(account.balance == 16)
        #expect(account.ledger.map(\.reason) == [.stemsCharge, .accountOpen])
    }

    /// A LALAL.AI answer a retry cannot cure, and the code the failed job shows.
    enum Permanent: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case badKey, quota, uploadTooLarge, sizeOverLicense, validation422, taskError, taskCancelled, timeout

        var testDescription: String { rawValue }

        var script: FakeLALAL.Script {
            switch self {
            case .badKey: return .init()
            case .quota:
                return .init(splitFailure: (.badRequest, #"{"detail": "Not enough minutes", "code": "exceeded_duration"}"#))
            case .uploadTooLarge: return .init(uploadFailure: (.contentTooLarge, #"{"detail": "Request Entity Too Large"}"#))
            case .sizeOverLicense:
                return .init(splitFailure: (.badRequest, #"{"detail": "File is too big for your license", "code": "exceeded_size"}"#))
            case .validation422:
                return .init(splitFailure: (.unprocessableContent,
                                            #"{"detail": [{"loc": ["body", "split_input", "source_id"], "msg": "Field required", "type": "missing"}]}"#))
            case .taskError: return .init(taskError: ("inference_error", "Unable to detect voice/vocals in the uploaded files"))
            case .taskCancelled: return .init(cancelled: true)
            case .timeout: return .init(neverFinish: true)
            }
        }

        var code: String {
            switch self {
            case .badKey: return "stems.provider_auth"
            case .quota: return "stems.provider_quota"
            case .uploadTooLarge, .sizeOverLicense: return "stems.file_too_large"
            case .validation422, .taskError, .taskCancelled: return "stems.provider_refused"
            case .timeout: return "stems.timeout"
            }
        }

        /// What the message must say (LALAL.AI's own detail where there is one).
        var says: String {
            switch self {
            case .badKey: return "LALAL_API_KEY"
            case .quota: return "minutes"
            case .uploadTooLarge: return "too large"
            case .sizeOverLicense: return "File is too big for your license"
            case .validation422: return "source_id: Field required"
            case .taskError: return "Unable to detect voice/vocals"
            case .taskCancelled: return "cancelled"
            case .timeout: return "10 minutes"
            }
        }
    }

    @Test("what a retry cannot cure fails the job on its first try, uploads once and refunds once", arguments: Permanent.allCases)
    func failsAtOnceWithARefund(_ failure: Permanent) async throws {
        let rig = try await Rig(failure.script, key: failure == .badKey ? "wrong-key" : FakeLALAL.key)
        defer { Task { [fake = rig.fake] in await fake.stop() } }
        let failed = try await rig.run([.vocal, .drum])
        #expect(failed.status == .failed)
        #expect(failed.error?.code == failure.code, "\(String(describing: failed.error))")
        #expect(failed.error?.message.contains(failure.says) == true, "\(failed.error?.message ?? "")")
        #expect(failed.error?.message.contains("wrong-key") == false, "the key is never echoed")
        #expect(failed.stems.allSatisfy { $0.status == .failed && $0.files == nil })
        let queued = try await rig.queued(failed)
        #expect(queued.status == .failed)
        #expect(rig.uploads == 1, "one try: uploaded once, not once a try")
        if failure == .timeout {
            #expect(rig.fake.seen("/api/v1/cancel/").count == 1, "LALAL.AI is asked to stop the tasks")
        }
        let account = try await rig.account()
        #expect(account.balance == 20)
        #expect(account.ledger.map(\.reason) == [.stemsRefund, .stemsCharge, .accountOpen])
        #expect(account.ledger.reduce(0) { $0 + $1.delta } == account.balance)
        #expect(rig.test.scratch.contents("home/blobs/samples/\(rig.sample.id.uuidString.lowercased())/stems").isEmpty,
                "no stem file was stored")
    }

    @Test("a task that ends in LALAL.AI's server_error is worth another try: the job is tried its four times, then fails with stems.provider_failed and is refunded once")
    func serverErrorIsRetried() async throws {
        let rig = try await Rig(.init(serverError: "['The file has not been uploaded properly or has already been deleted. Please upload it again.']"))
        defer { Task { [fake = rig.fake] in await fake.stop() } }
        let failed = try await rig.run([.bass])
        #expect(failed.status == .failed)
        #expect(failed.error?.code == "stems.provider_failed")
        #expect(failed.error?.message.contains("has not been uploaded properly") == true, "\(failed.error?.message ?? "")")
        let queued = try await rig.queued(failed)
        #expect(queued.status == .failed && queued.maxAttempts == 4)
        #expect(rig.uploads == 4, "each try starts from a fresh upload (the last one's source was deleted)")
        #expect(rig.fake.seen("/api/v1/delete/").count == 4)
        let account = try await rig.account()
        #expect(account.balance == 20)
        #expect(account.ledger.filter { $0.reason == .stemsRefund }.count == 1, "refunded once, not once a try")
    }

    @Test("a 429 on a check without Retry-After is waited out (a minute, on the test clock) and the job completes")
    func a429WithoutRetryAfter() async throws {
        let rig = try await Rig(.init(progress: [10], rateLimitedChecks: 1, retryAfter: nil))
        defer { Task { [fake = rig.fake] in await fake.stop() } }
        let done = try await rig.run([.piano])
        #expect(done.status == .completed, "\(String(describing: done.error))")
        let times = rig.fake.seen("/api/v1/check/").map(\.time)
        #expect(times.count == 3, "the 429, progress, success: \(times)")
        #expect(times.count == 3 && times[1] - times[0] >= 60, "the check after the 429 came a minute later: \(times)")
        #expect(rig.uploads == 1)
    }

    @Test("every stem type goes over the wire by the name the contract lists: the fake, which refuses any other, separates all ten")
    func everyStemTypeByItsWireName() async throws {
        let rig = try await Rig()
        defer { Task { [fake = rig.fake] in await fake.stop() } }
        let all = StemType.allCases
        for part in [Array(all.prefix(5)), Array(all.dropFirst(5))] {
            let done = try await rig.run(part)
            #expect(done.status == .completed, "\(part): \(String(describing: done.error))")
        }
        let names = (rig.fake.seen("/api/v1/split/stem_separator/") + rig.fake.seen("/api/v1/split/voice_clean/"))
            .compactMap { ($0.json["presets"] as? [String: Any])?["stem"] as? String }
        #expect(names.sorted() == ["acoustic_guitar", "bass", "drum", "electric_guitar", "piano", "strings", "synthesizer",
                                   "vocals", "voice", "wind"])
    }

    @Test("a stem name the contract does not list is refused by the fake with a 422 whose detail is an array: stems.provider_refused, naming the field")
    func aWrongStemNameIsRefused() async throws {
        let rig = try await Rig()
        defer { Task { [fake = rig.fake] in await fake.stop() } }
        let client = LALALClient(baseURL: rig.fake.baseURL, key: FakeLALAL.key, http: HTTPClient())
        let error = await #expect(throws: SampleTokError.self) { _ = try await client.split(source: "src-1", stem: "vocal") }
        #expect(error?.code == "stems.provider_refused")
        #expect(error?.message.contains("HTTP 422") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("presets.stem: Input should be 'vocals'") == true, "\(error?.message ?? "")")
        #expect(ErrorCode.named(try #require(error).code).isRetryable == false)
    }
}
