@testable import Engine
import Foundation
import Model
import Testing
import TestSupport

@Suite("JobService.follow: a sample's job until it ends", .timeLimit(.minutes(5)))
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

    @Test("a job another node holds is followed through the kept events: its steps, then its final status, ids in order",
          arguments: DatabaseEngine.tested)
    func jobOfAnotherProcess(engine: DatabaseEngine) async throws {
        let t = try await TestLibrary(engine: engine)
        let id = try await t.library.samples.submit(try t.tone("elsewhere.wav")).sample.id
        let elsewhere = JobQueue(database: t.library.database, owner: LeaseOwner(host: "another-host", pid: 1, nonce: "x"), leaseSeconds: 60)
        let job = try #require(try await elsewhere.claim(sample: id))
        // What the other node's worker keeps: only the log is shared, not this process's hub.
        let log = ProgressLog(database: t.library.database)

        let collected = Collected()
        let follow = Task {
            for try await event in t.library.jobs.follow(.sample(id), pollInterval: .milliseconds(20)) { collected.add(event) }
            collected.end()
        }
        _ = try await log.record(ProgressEvent(sampleID: id, step: "resolve", fraction: 0, message: "resolving", status: .processing))
        _ = try await log.record(ProgressEvent(sampleID: id, step: "process", fraction: 0, message: "decoding", status: .processing))
        #expect(try await collected.wait { $0.contains { $0.step == "process" } })
        #expect(!collected.hasEnded)
        let error = SampleTokError(code: "media.corrupt", message: "broken")
        try await t.library.samples.saveFailed(job: job, error: error)
        _ = try await log.record(ProgressEvent(sampleID: id, step: "failed", fraction: 1, message: "broken", status: .failed, error: error))
        try await follow.value
        let events = collected.snapshot
        #expect(events.map(\.step) == ["resolve", "process", "failed"])
        #expect(events.map(\.sequence) == [1, 2, 3])
        #expect(events.last?.error == error)
    }

    @Test("a follower that comes back with the last id it saw, to another process, gets every later kept event once",
          arguments: DatabaseEngine.tested)
    func resumeAfterLastSeen(engine: DatabaseEngine) async throws {
        let t = try await TestLibrary(engine: engine)
        let id = try await t.library.samples.submit(try t.tone("resume.wav", seconds: 2)).sample.id
        try await t.drain()
        let all = try await ProgressLog(database: t.library.database).events(of: id, after: 0)
        #expect(all.map(\.step) == ["resolve", "download", "process", "store", "save", "done"])
        #expect(all.map(\.sequence) == Array(1...6), "kept events are numbered without gaps")
        #expect(all.last?.status == .completed)
        // A new follower of a finished sample: its outcome only, with its kept number.
        #expect(try await Self.collect(t.library.jobs.follow(.sample(id), pollInterval: .milliseconds(20))) == all.suffix(1))

        // A second library on the same database: another process, or this one restarted.
        let other = try await Library.open(t.configuration)
        defer { Task { await other.close() } }
        for seen in [1, all.count / 2, all.count - 1] {
            let rest = try await Self.collect(other.jobs.follow(.sample(id), after: seen, pollInterval: .milliseconds(20)))
            #expect(rest == Array(all.dropFirst(seen)), "after \(seen): \(rest.map(\.sequence))")
        }
    }

    /// Every event of a stream, until it ends.
    static func collect(_ stream: AsyncThrowingStream<ProgressEvent, any Error>) async throws -> [ProgressEvent] {
        var events: [ProgressEvent] = []
        for try await event in stream { events.append(event) }
        return events
    }

    @Test("a job run in this process: each kept event once, numbered in order, passing reports unnumbered; a missing sample throws")
    func jobOfThisProcess() async throws {
        let t = try await TestLibrary()
        let id = try await t.library.samples.submit(try t.tone("here.wav", seconds: 2)).sample.id
        let collected = Collected()
        let follow = Task {
            for try await event in t.library.jobs.follow(.sample(id), pollInterval: .milliseconds(20)) { collected.add(event) }
        }
        try await t.drain()
        try await follow.value
        let events = collected.snapshot
        #expect(events.last?.status == .completed)
        let kept = events.map(\.sequence).filter { $0 > 0 }
        #expect(kept == Array(1...kept.count), "\(events.map(\.sequence))")

        await #expect(throws: SampleTokError.self) {
            for try await _ in t.library.jobs.follow(.sample(UUID())) {}
        }
    }
}
