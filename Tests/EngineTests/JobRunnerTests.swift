@testable import Engine
import Foundation
import Model
import SQLKit
import Testing

@Suite("job runner: failures of the queue itself")
struct JobRunnerTests {
    /// Makes every claim of a job fail while the table `queue_down` holds a row: a trigger aborts
    /// the claim's UPDATE, as a database that cannot take the write would.
    static func breakClaims(_ library: Library) async throws {
        let sql = library.database.sql
        try await sql.raw("CREATE TABLE queue_down (reason TEXT)").run()
        try await sql.raw("INSERT INTO queue_down VALUES ('test')").run()
        switch library.database.dialect.engine {
        case .sqlite:
            try await sql.raw("""
                CREATE TRIGGER queue_down_claims BEFORE UPDATE OF lease_owner ON jobs \
                WHEN EXISTS (SELECT 1 FROM queue_down) BEGIN SELECT RAISE(ABORT, 'the queue is down'); END
                """).run()
        case .postgres:
            try await sql.raw("""
                CREATE FUNCTION queue_down_abort() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
                IF EXISTS (SELECT 1 FROM queue_down) THEN RAISE EXCEPTION 'the queue is down'; END IF; RETURN NEW; END $$
                """).run()
            try await sql.raw("""
                CREATE TRIGGER queue_down_claims BEFORE UPDATE OF lease_owner ON jobs \
                FOR EACH ROW EXECUTE FUNCTION queue_down_abort()
                """).run()
        }
    }

    @Test("a worker rides out a failing queue: the failure is reported with a wait, and once the queue works the job is done")
    func ridesOutFailures() async throws {
        let test = try await TestLibrary()
        let library = test.library
        let outcome = try await library.samples.submit(try test.tone("queued.wav", seconds: 1))
        try await Self.breakClaims(library)

        let (failures, report) = AsyncStream<Duration>.makeStream()
        let runner = JobRunner(library: library) { _, wait in report.yield(wait) }
        let run = Task {
            try await runner.run(workers: 1, pollInterval: .milliseconds(20)) { (try? await library.jobs.hasPending()) == false }
        }
        var waits = failures.makeAsyncIterator()
        let first = await waits.next()
        #expect(first == .milliseconds(500), "the first failure waits half a second")
        #expect(try await library.samples.sample(outcome.sample.id).status == .pending, "nothing ran while the queue was down")

        try await library.database.sql.raw("DELETE FROM queue_down").run()
        try await run.value
        #expect(try await library.samples.sample(outcome.sample.id).status == .completed)
        report.finish()
    }

    @Test("a queue that keeps failing ends the run with its error after the last try")
    func givesUp() async throws {
        let test = try await TestLibrary()
        let library = test.library
        _ = try await library.samples.submit(try test.tone("stuck.wav", seconds: 1))
        try await Self.breakClaims(library)
        let count = Locked(0)
        // No waits between the tries here: the test is about the count, not the clock.
        let runner = JobRunner(library: library) { _, _ in count.withLock { $0 += 1 } }
        await #expect(throws: (any Error).self) {
            try await runner.run(workers: 1, pollInterval: .milliseconds(20), retryWait: { _ in .zero }) { false }
        }
        #expect(count.withLock { $0 } == JobRunner.maxConsecutiveFailures - 1, "every failure but the last is reported and tried again")
    }

    @Test("the waits double from half a second up to ten seconds")
    func backoff() {
        #expect((1...7).map(JobRunner.backoff(afterFailures:)) == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(10), .seconds(10)])
    }
}
