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
        let stop = Mutex(false)
        let heard = Mutex(0)
        let publisherDone = DispatchSemaphore(value: 0)
        let followersDone = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            while !stop.withLock({ $0 }) { hub.publish(event) }
            publisherDone.signal()
        }
        // The followers run on a thread of their own, so a deadlock fails this test instead of
        // hanging the test process.
        Thread.detachNewThread {
            for _ in 0..<400 {
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
            }
            followersDone.signal()
        }
        let finished = followersDone.wait(timeout: .now() + 120) == .success
        stop.withLock { $0 = true }
        #expect(finished, "followers stopping while events were published deadlocked")
        guard finished else { return }
        #expect(publisherDone.wait(timeout: .now() + 10) == .success, "the publisher is stuck")
        #expect(heard.withLock { $0 } > 0, "no follower heard an event")
    }
}
