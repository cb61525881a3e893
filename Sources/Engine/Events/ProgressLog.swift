import Foundation
import Model
import SQLKit

/// The durable progress events (`progress_events`): each step, retry and outcome of a sample's
/// or a stem job's job, numbered 1, 2, 3… per subject in the database, whichever process or
/// node ran the step. The numbers are the event stream's ids (`Last-Event-ID`): they survive a
/// restart and are the same on every node. Passing reports within a step (bytes downloaded,
/// share decoded) are not kept: they go through `ProgressHub` only, with sequence 0.
struct ProgressLog: Sendable {
    let database: LibraryDatabase

    private var sql: any SQLDatabase { database.sql }

    /// Keeps `event` as the next event of its subject and returns it with its number.
    func record(_ event: ProgressEvent) async throws -> ProgressEvent {
        var stored = event
        stored.sequence = 0
        let text = String(decoding: try JSONEncoder().encode(stored), as: UTF8.self)
        var attempt = 0
        while true {
            attempt += 1
            do {
                // Numbered in the statement: two writers of one subject (a job taken over from a
                // node that still runs) collide on the unique key, and the loser numbers again.
                let row = try await sql.raw("""
                    INSERT INTO progress_events (subject, sequence, event, is_final, created_at) \
                    SELECT \(bind: event.subject), COALESCE(MAX(sequence), 0) + 1, \(bind: text), \(bind: event.isFinal), \
                    \(bind: Date().timeIntervalSince1970) \
                    FROM progress_events WHERE subject = \(bind: event.subject) RETURNING sequence
                    """).first()
                stored.sequence = try row?.decode(column: "sequence", as: Int.self) ?? 0
                return stored
            } catch {
                if attempt >= 5 { throw error }
            }
        }
    }

    /// The kept events of `subject` numbered after `sequence`, in order (at most `limit`).
    func events(of subject: UUID, after sequence: Int, limit: Int = 500) async throws -> [ProgressEvent] {
        let rows = try await sql.raw("""
            SELECT sequence, event FROM progress_events WHERE subject = \(bind: subject) AND sequence > \(bind: sequence) \
            ORDER BY sequence LIMIT \(bind: limit)
            """).all()
        let decoder = JSONDecoder()
        return try rows.map { row in
            var event = try decoder.decode(ProgressEvent.self, from: Data(try row.decode(column: "event", as: String.self).utf8))
            event.sequence = try row.decode(column: "sequence", as: Int.self)
            return event
        }
    }

    /// Where a new follower of `subject` starts (the number before its first event): after the
    /// outcome of an earlier run that was followed by more events (the sample was retried), so
    /// it replays the current run only; 0 when there was none.
    func currentRunStart(of subject: UUID) async throws -> Int {
        try await sql.raw("""
            SELECT COALESCE(MAX(f.sequence), 0) AS n FROM progress_events f WHERE f.subject = \(bind: subject) AND f.is_final \
            AND EXISTS (SELECT 1 FROM progress_events l WHERE l.subject = \(bind: subject) AND l.sequence > f.sequence AND NOT l.is_final)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The number of the last kept event of `subject` and whether it is an outcome (nil when none).
    func last(of subject: UUID) async throws -> (sequence: Int, isFinal: Bool)? {
        guard let row = try await sql.raw("""
            SELECT sequence, is_final FROM progress_events WHERE subject = \(bind: subject) ORDER BY sequence DESC LIMIT 1
            """).first() else { return nil }
        return (try row.decode(column: "sequence", as: Int.self), try row.decode(column: "is_final", as: Bool.self))
    }

    /// Forgets the events of `subjects` (a deleted sample and its stem jobs).
    func forget(_ subjects: [UUID]) async throws {
        for subject in subjects {
            try await sql.raw("DELETE FROM progress_events WHERE subject = \(bind: subject)").run()
        }
    }
}
