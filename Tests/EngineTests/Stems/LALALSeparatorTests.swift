@testable import Engine
import Foundation
import Model
import Net
import Testing
import TestSupport

/// The LALAL.AI v1 client against a fake that speaks the contract.
@Suite(.serialized) struct LALALSeparatorTests {
    /// A fake, a clock that does not wait, a source file and a separator pointed at the fake.
    final class Rig: @unchecked Sendable {
        let scratch = Scratch("lalal")
        let clock = TestStemClock()
        let fake: FakeLALAL
        let source: URL
        let http = HTTPClient()
        let progress = Locked([(Double, String)]())

        init(_ script: FakeLALAL.Script = .init()) async throws {
            source = scratch.url.appendingPathComponent("mix.wav")
            let tone = (0..<48_000).map { Float(0.3 * sin(Double($0) * 2 * .pi * 440 / 48_000)) }
            try StemAudio.write(left: tone, right: tone, to: source.path)
            fake = try await FakeLALAL(clock: clock, track: try Data(contentsOf: source))
            fake.script = script
        }

        func separator(key: String = FakeLALAL.key) -> LALALStemSeparator {
            LALALStemSeparator(client: LALALClient(baseURL: fake.baseURL, key: key, http: http),
                               timeout: 600, clock: clock, gate: LALALCheckGate())
        }

        var output: URL { scratch.url.appendingPathComponent("stems") }

        func separate(_ stems: [StemType], key: String = FakeLALAL.key) async throws -> [StemType: URL] {
            let progress = self.progress
            return try await separator(key: key).separate(source: source, stems: stems, into: output) { fraction, message in
                progress.withLock { $0.append((fraction, message)) }
            }
        }

        /// The times of the checks, on the test clock.
        var checkTimes: [Double] { fake.seen("/api/v1/check/").map(\.time) }
    }

    /// Runs `body` with a rig and stops its fake afterwards.
    func withRig(_ script: FakeLALAL.Script = .init(), _ body: (Rig) async throws -> Void) async throws {
        let rig = try await Rig(script)
        do { try await body(rig) } catch { await rig.fake.stop(); throw error }
        await rig.fake.stop()
    }

    /// What a user gets back on a failure: the error, and no stem files left behind.
    func failure(_ rig: Rig, _ stems: [StemType] = [.drum], key: String = FakeLALAL.key) async -> SampleTokError? {
        let error = await #expect(throws: SampleTokError.self) { _ = try await rig.separate(stems, key: key) }
        #expect(rig.scratch.contents("stems").isEmpty, "no stem files are left behind")
        return error
    }

    @Test func successUploadsSplitsEachStemAndDownloadsDecodableTracks() async throws {
        try await withRig(.init(progress: [])) { rig in
            let files = try await rig.separate([.vocal, .drum])
            #expect(Set(files.keys) == [.vocal, .drum])
            for (type, file) in files {
                #expect(file.lastPathComponent == "\(type.rawValue).wav")
                let wav = try WAVFile(path: file.path)
                #expect(wav.sampleRate == 48_000 && wav.frameCount == 48_000, "the \(type) track decodes")
            }
            // The requests, as the contract has them.
            let upload = try #require(rig.fake.seen("/api/v1/upload/").first)
            #expect(upload.method == "POST")
            #expect(upload.licenseKey == FakeLALAL.key)
            #expect(upload.contentType == "application/octet-stream")
            #expect(upload.contentDisposition == "attachment; filename=mix.wav")
            #expect(upload.body == (try Data(contentsOf: rig.source)))
            let splits = rig.fake.seen("/api/v1/split/stem_separator/")
            #expect(splits.count == 2)
            #expect(Set(splits.compactMap { ($0.json["presets"] as? [String: Any])?["stem"] as? String }) == ["vocals", "drum"])
            for split in splits {
                #expect(split.licenseKey == FakeLALAL.key)
                #expect(split.contentType == "application/json")
                #expect(split.json["source_id"] as? String == "src-1")
                #expect(UUID(uuidString: split.json["idempotency_key"] as? String ?? "") != nil)
            }
            let check = try #require(rig.fake.seen("/api/v1/check/").first)
            #expect(Set(check.json["task_ids"] as? [String] ?? []) == ["task-vocals", "task-drum"])
            #expect(rig.fake.seen("/api/v1/delete/").first?.json["source_id"] as? String == "src-1")
        }
    }

    @Test func voiceGoesToTheVoiceCleanSplit() async throws {
        try await withRig(.init(progress: [])) { rig in
            _ = try await rig.separate([.voice])
            let split = try #require(rig.fake.seen("/api/v1/split/voice_clean/").first)
            #expect((split.json["presets"] as? [String: Any])?["stem"] as? String == "voice")
        }
    }

    @Test func progressThenSuccessReportsProgressAndSpacesTheChecks() async throws {
        try await withRig(.init(progress: [0, 42, 42, 90])) { rig in
            let files = try await rig.separate([.bass])
            #expect(try WAVFile(path: try #require(files[.bass]).path).frameCount == 48_000)
            let times = rig.checkTimes
            #expect(times.count == 5)
            let gaps = zip(times.dropFirst(), times).map { $0 - $1 }
            #expect(gaps.allSatisfy { $0 >= 2 }, "checks at \(times)")
            // Backoff: each wait at least as long as the one before.
            #expect(zip(gaps.dropFirst(), gaps).allSatisfy { $0 >= $1 }, "gaps \(gaps)")
            let fractions = rig.progress.withLock { $0.map(\.0) }
            #expect(fractions == fractions.sorted(), "progress only moves forward: \(fractions)")
            #expect(fractions.contains { $0 > 0.1 && $0 < 0.9 }, "the task's own progress shows")
            #expect(fractions.last == 1)
        }
    }

    @Test func aFailedTaskSaysWhatLALALSaid() async throws {
        try await withRig(.init(taskError: ("inference_error", "Unable to detect voice/vocals in the uploaded files"))) { rig in
            let error = await failure(rig, [.vocal])
            #expect(error?.code == "stems.provider_refused", "the same audio would fail again: not retried")
            #expect(error?.message.contains("Unable to detect voice/vocals") == true)
            #expect(error?.message.contains("vocal") == true)
        }
    }

    /// Out of minutes, and a file too large for the license: the license errors of a split.
    @Test(arguments: [("exceeded_duration", "stems.provider_quota", "minutes"),
                      ("exceeded_size", "stems.file_too_large", "too large")])
    func licenseLimitsAreSaidSo(lalalCode: String, code: String, says: String) async throws {
        let body = #"{"detail": "The license does not allow this", "code": "\#(lalalCode)"}"#
        try await withRig(.init(splitFailure: (.badRequest, body))) { rig in
            let error = await failure(rig)
            #expect(error?.code == code)
            #expect(error?.message.contains(says) == true)
        }
    }

    @Test func aBadKeyPointsAtLALAL_API_KEY() async throws {
        try await withRig { rig in
            let error = await failure(rig, key: "wrong-key")
            #expect(error?.code == "stems.provider_auth")
            #expect(error?.message.contains("LALAL_API_KEY") == true)
            #expect(error?.message.contains("wrong-key") == false, "the key is not echoed")
            #expect(rig.fake.seen("/api/v1/split/stem_separator/").isEmpty)
        }
    }

    @Test func aCheckAnswering429WaitsForItsRetryAfter() async throws {
        try await withRig(.init(progress: [42], rateLimitedChecks: 2, retryAfter: "7")) { rig in
            let files = try await rig.separate([.drum])
            #expect(files[.drum] != nil)
            let times = rig.checkTimes
            #expect(times.count == 4, "two 429s, then progress, then success: \(times)")
            #expect(times[1] - times[0] >= 7 && times[2] - times[1] >= 7, "checks at \(times)")
        }
    }

    @Test func a429ElsewhereIsRateLimitedWithWhenToRetry() async throws {
        try await withRig(.init(splitFailure: (.tooManyRequests, #"{"detail": "Too many requests"}"#), retryAfter: "30")) { rig in
            let error = await failure(rig)
            #expect(error?.code == "rate.limited")
            #expect(error?.message.contains("30 s") == true)
        }
    }

    @Test func aTaskThatNeverFinishesTimesOutAfterTenMinutes() async throws {
        try await withRig(.init(neverFinish: true)) { rig in
            let error = await failure(rig)
            #expect(error?.code == "stems.timeout")
            #expect(error?.message.contains("10 minutes") == true)
            let times = rig.checkTimes
            #expect((times.last ?? 0) <= 600)
            #expect(rig.clock.now() >= 580, "it kept checking for about ten minutes (\(rig.clock.now()) s)")
            // Within 30 checks a minute, and LALAL.AI is asked to stop the task.
            #expect(zip(times.dropFirst(), times).allSatisfy { $0 - $1 >= 2 })
            #expect(rig.fake.seen("/api/v1/cancel/").first?.json["task_ids"] as? [String] == ["task-drum"])
        }
    }
}
