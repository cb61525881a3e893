@testable import Engine
import Foundation
import Model
import Testing
import TestSupport

@Suite("Library.follow: a sample's job until it ends")
struct FollowTests {
    /// Collects a stream's events as they arrive.
    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var events: [ProgressEvent] = []
        private(set) var ended = false
        var snapshot: [ProgressEvent] { lock.withLock { events } }
        var hasEnded: Bool { lock.withLock { ended } }
        func add(_ event: ProgressEvent) { lock.withLock { events.append(event) } }
        func end() { lock.withLock { ended = true } }

        /// Waits (at most 10 s) until `condition` holds.
        func wait(until condition: @escaping ([ProgressEvent]) -> Bool) async throws -> Bool {
            let deadline = ContinuousClock.now + .seconds(10)
            while ContinuousClock.now < deadline {
                if condition(snapshot) { return true }
                try await Task.sleep(for: .milliseconds(10))
            }
            return condition(snapshot)
        }
    }

    @Test("a job another process holds is followed through its row: its step and progress, then its final status",
          arguments: DatabaseEngine.tested)
    func jobOfAnotherProcess(engine: DatabaseEngine) async throws {
        let t = try await TestLibrary(engine: engine)
        let id = try await t.library.submit(try t.tone("elsewhere.wav")).sample.id
        let elsewhere = JobQueue(database: t.library.database, owner: LeaseOwner(host: "another-host", pid: 1, nonce: "x"), leaseSeconds: 60)
        let job = try #require(try await elsewhere.claim(sample: id))
        let jobID = try #require(job.id)

        let collected = Collected()
        let follow = Task {
            for try await event in t.library.follow(sample: id, pollInterval: .milliseconds(20)) { collected.add(event) }
            collected.end()
        }
        try await elsewhere.progress(jobID, step: .process, fraction: 0.5)
        #expect(try await collected.wait { $0.contains { $0.step == "process" && $0.fraction == 0.5 } })
        #expect(!collected.hasEnded)
        let error = SampleTokError(code: "media.corrupt", message: "broken")
        try await t.library.saveFailed(job: job, error: error)
        try await follow.value
        let events = collected.snapshot
        #expect(events.last?.status == .failed)
        #expect(events.last?.error == error)
        #expect(events.dropLast().allSatisfy { $0.status == .processing && !$0.isFinal })
        #expect(events.filter { $0.step == "process" && $0.fraction == 0.5 }.count == 1, "an unchanged row gives no second event")
    }

    @Test("a job run in this process: its published events only, none read from the row twice; a missing sample throws")
    func jobOfThisProcess() async throws {
        let t = try await TestLibrary()
        let id = try await t.library.submit(try t.tone("here.wav", seconds: 2)).sample.id
        let collected = Collected()
        let follow = Task {
            for try await event in t.library.follow(sample: id, pollInterval: .milliseconds(20)) { collected.add(event) }
        }
        try await t.drain()
        try await follow.value
        let events = collected.snapshot
        #expect(events.last?.status == .completed)
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.sequence < $1.sequence }, "\(events.map(\.sequence))")

        await #expect(throws: SampleTokError.self) {
            for try await _ in t.library.follow(sample: UUID()) {}
        }
    }
}
