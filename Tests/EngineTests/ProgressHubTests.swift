@testable import Engine
import Foundation
import Model
import Testing

@Suite("progress hub: publishing and following at once")
struct ProgressHubTests {
    /// A worker publishes a job's progress without pause while followers of that job come and go
    /// (a follower stops, cancelling its task, after the final event or when the user leaves).
    /// Handing an event over under the hub's lock used to deadlock against a stopping follower:
    /// the app's processing stalled for good (caught with gdb in the tmux tests; a CI run that
    /// hung in the stem job suite matches it, though no stacks of that run exist).
    @Test("a worker publishing while followers stop never deadlocks, and followers still hear events")
    func publishWhileFollowersStop() throws {
        let hub = ProgressHub()
        let subject = UUID()
        let event = ProgressEvent(sampleID: subject, step: "process", fraction: 0.5, message: "encoding", status: .processing)
        let stop = Locked(false)
        let heard = Locked(0)
        let rounds = Locked(0)
        let publisherDone = DispatchSemaphore(value: 0)
        let followersDone = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            while !stop.withLock({ $0 }) { hub.publish(event) }
            publisherDone.signal()
        }
        // The followers run on a thread of their own, so a deadlock fails this test instead of
        // hanging the test process. Up to 400 rounds, or as many as 20 s allow on a busy machine
        // (and on until a follower has heard an event, at most 120 s: a starved machine may not
        // have run one yet): each round is a fresh chance to meet the race, and a slow machine is
        // not a failure.
        Thread.detachNewThread {
            let end = Date().addingTimeInterval(20), last = Date().addingTimeInterval(120)
            while rounds.withLock({ $0 }) < 400 && (Date() < end || heard.withLock({ $0 }) == 0) && Date() < last {
                // Eight followers at a time, each stopped only once it is hearing events (waiting
                // in the stream for the next one, where a stop and a delivery meet).
                let started = heard.withLock { $0 }
                let followers = (0..<8).map { _ in
                    let stream = hub.subscribe(sample: subject)
                    return Task {
                        for await _ in stream { heard.withLock { $0 += 1 } }
                    }
                }
                let deadline = Date().addingTimeInterval(1)
                while heard.withLock({ $0 }) < started + 16 && Date() < deadline { sched_yield() }
                for follower in followers { follower.cancel() }
                rounds.withLock { $0 += 1 }
            }
            followersDone.signal()
        }
        // A deadlock stops the rounds; a slow machine only slows them. So the watchdog fails the
        // test when no round ends for 30 s, however long the whole takes.
        var finished = false
        var last = -1
        while !finished {
            finished = followersDone.wait(timeout: .now() + 30) == .success
            let done = rounds.withLock { $0 }
            if !finished && done == last { break }
            last = done
        }
        stop.withLock { $0 = true }
        #expect(finished, "followers stopping while events were published deadlocked (no round ended in 30 s, after \(last) rounds)")
        guard finished else { return }
        #expect(publisherDone.wait(timeout: .now() + 10) == .success, "the publisher is stuck")
        #expect(heard.withLock { $0 } > 0, "no follower heard an event")
    }
}
