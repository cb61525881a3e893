@testable import Engine
import FluentKit
import Foundation
import Model
import Testing
import TestSupport

@Suite("job queue: claims by several processes")
struct JobQueueTests {
    /// Submits `count` URLs (queued jobs, nothing runs them) and returns their job ids.
    func queueJobs(_ count: Int, in library: Library) async throws -> Set<UUID> {
        var ids: Set<UUID> = []
        for i in 0..<count {
            let sample = try await library.samples.submit("https://example.com/clip\(i).mp4").sample
            ids.insert(try #require(try await JobModel.query(on: library.parts.db).filter(\.$sampleID == sample.id).first()?.id))
        }
        return ids
    }

    @Test("two queues of two processes claiming at once take every job exactly once", arguments: DatabaseEngine.tested)
    func concurrentClaims(engine: DatabaseEngine) async throws {
        let t = try await TestLibrary(engine: engine)
        let other = try await Library.open(t.configuration)
        let jobs = try await queueJobs(20, in: t.library)
        let a = JobQueue(database: t.library.database, owner: LeaseOwner(host: "node-a", pid: 1, nonce: "a"), leaseSeconds: 60)
        let b = JobQueue(database: other.database, owner: LeaseOwner(host: "node-b", pid: 2, nonce: "b"), leaseSeconds: 60)
        let claimed = try await withThrowingTaskGroup(of: [UUID].self) { group in
            for queue in [a, b] {
                group.addTask {
                    var mine: [UUID] = []
                    while let job = try await queue.claim() { mine.append(try #require(job.id)) }
                    return mine
                }
            }
            return try await group.reduce(into: [[UUID]]()) { $0.append($1) }
        }
        let all = claimed.flatMap { $0 }
        #expect(all.count == 20, "no job claimed twice")
        #expect(Set(all) == jobs, "every job claimed")
        for job in try await JobModel.query(on: t.library.parts.db).all() {
            #expect(job.status == JobStatus.running.rawValue)
            #expect(job.leaseOwner == a.owner.description || job.leaseOwner == b.owner.description)
        }
        await other.close()
    }

    @Test("a job whose lease lapsed is taken over by another process; a held one is not", arguments: DatabaseEngine.tested)
    func lapsedLease(engine: DatabaseEngine) async throws {
        let t = try await TestLibrary(engine: engine)
        let sample = try await t.library.samples.submit("https://example.com/lease.mp4").sample
        let holder = JobQueue(database: t.library.database, owner: LeaseOwner(host: "node-a", pid: 1, nonce: "a"), leaseSeconds: 60)
        let other = JobQueue(database: t.library.database, owner: LeaseOwner(host: "node-b", pid: 2, nonce: "b"), leaseSeconds: 60)
        let job = try #require(try await holder.claim(sample: sample.id))
        #expect(try await other.claim(sample: sample.id) == nil, "a live lease is respected")
        let lapsing = JobQueue(database: t.library.database, owner: holder.owner, leaseSeconds: -1)
        #expect(try await lapsing.renew(try #require(job.id)), "the holder renews, here into the past")
        let taken = try #require(try await other.claim(sample: sample.id))
        #expect(taken.id == job.id)
        #expect(taken.leaseOwner == other.owner.description)
        #expect(try await holder.renew(try #require(job.id)) == false, "the old holder has lost it")
    }
}
