import Foundation
import Testing
import TestSupport

/// SIGTERM while a job is in its process step (issue 25): the decode pass stops, the job is
/// handed back with its checkpoints, the server exits, and the next start finishes the job.
@Suite("sampletok --serve: shutdown grace")
struct ShutdownGraceTests {
    @Test("SIGTERM during the process step: exit 0 within the grace, the job handed back, resumed by the next start from its checkpoint")
    func sigtermDuringProcess() async throws {
        let f = try ServeFixture()
        let seconds = 300.0
        let served = f.scratch.path("served/long.wav")
        try Fixtures.audio(served, expression: "0.3*sin(2*PI*220*t)", rate: 22050, seconds: seconds,
                           codecArguments: ["-c:a", "pcm_s16le"])
        var environment = f.environment
        let grace = 4.0
        environment["SAMPLETOK_SHUTDOWN_GRACE"] = "\(grace)"
        let first = try ServeProcess(environment: environment)
        let id = try await f.submit(f.media.url("/files/long.wav"), to: first)
        let seen = try await f.events(id, from: first) { ($0["step"] as? String) == "process" }
        #expect(seen.last?["step"] as? String == "process")

        let signalled = Date()
        let status = first.terminate(within: grace + 20)
        let took = Date().timeIntervalSince(signalled)
        print("sampletok --serve exited \(String(format: "%.2f", took)) s after SIGTERM in the process step (grace \(grace) s)")
        #expect(status == 0, "the server did not exit within \(grace + 20) s of SIGTERM")

        // Handed back unfinished, at its process step.
        let pending = try Command.run(Binary.path, ["jobs", "--json"], environment: environment)
        let unfinished = try JSONSerialization.jsonObject(with: Data(pending.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(unfinished.count == 1, "\(pending.stdout)")
        #expect(unfinished.first?["status"] as? String != "failed", "\(pending.stdout)")
        #expect(unfinished.first?["step"] as? String == "process", "\(pending.stdout)")

        // The download is gone from the media server: only the job's checkpoint can finish it.
        try FileManager.default.removeItem(atPath: served)
        let second = try ServeProcess(environment: environment)
        let events = try await f.events(id, from: second)
        #expect(events.last?["status"] as? String == "completed", "\(events.suffix(3))")
        let sample = try await f.sample(id, from: second)
        let duration = try #require(sample["duration_s"] as? Double, "\(sample)")
        #expect(abs(duration - seconds) < 1)
        #expect(second.terminate(within: 30) == 0)
    }
}
