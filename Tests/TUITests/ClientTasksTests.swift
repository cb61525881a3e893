import Foundation
import Model
import Testing
@testable import TUI

/// Search as you type: each key starts a page load; the loads of older queries still running
/// are cancelled (issue 22: superseded queries cancelled).
@Suite("client tasks of the app loop")
struct ClientTasksTests {
    /// Work that waits until it is cancelled, then says so on `ended`.
    private static func waitForCancel(_ name: String, started: AsyncStream<String>.Continuation,
                                      ended: AsyncStream<String>.Continuation) -> @Sendable () async -> Void {
        {
            let (never, _) = AsyncStream<Void>.makeStream()
            started.yield(name)
            for await _ in never {}  // ends when the task is cancelled
            ended.yield(Task.isCancelled ? "\(name) cancelled" : "\(name) ended")
        }
    }

    @Test("a page load for a newer query cancels older page loads, not other work; finished tasks are let go")
    func newerPageLoadCancelsOlder() async throws {
        let tasks = ClientTasks()
        let (started, startedFeed) = AsyncStream<String>.makeStream()
        let (ended, endedFeed) = AsyncStream<String>.makeStream()
        var starts = started.makeAsyncIterator()
        var ends = ended.makeAsyncIterator()

        tasks.start(generation: 1, Self.waitForCancel("page 1", started: startedFeed, ended: endedFeed))
        tasks.start(Self.waitForCancel("jobs", started: startedFeed, ended: endedFeed))
        #expect(Set([await starts.next(), await starts.next()]) == ["page 1", "jobs"])
        #expect(tasks.count == 2)

        // The next key of the search: its page load cancels the first one only.
        let (done, doneFeed) = AsyncStream<Void>.makeStream()
        tasks.start(generation: 2) { doneFeed.yield() }
        #expect(await ends.next() == "page 1 cancelled")
        var doneIterator = done.makeAsyncIterator()
        await doneIterator.next()

        tasks.cancelAll()
        #expect(await ends.next() == "jobs cancelled")
        // Every task removes itself when it ends.
        while tasks.count > 0 { await Task.yield() }
    }
}
