import Client
import EmbeddedClient
import Engine
import Foundation
import Model

/// `--watch`: draws a sample's job step by step from the client's events until it ends. In the
/// local library the job runs in this process (the client is opened with
/// `EmbeddedClient.Workers.followedSample`), and Ctrl-C stops watching: the job's lease is
/// released and a background worker resumes it from its last checkpoint. On a server, Ctrl-C
/// only stops watching; the server goes on with the job.
struct JobWatcher: Sendable {
    let client: any SampleTokClient

    func follow(_ id: UUID) async throws -> Sample {
        try await watch(client.events(of: id))
        return try await client.sample(id.uuidString)
    }

    /// Draws a stem job's events until it ends; returns the stem job as it ended.
    func follow(stemJob id: UUID) async throws -> StemJob {
        try await watch(client.stemEvents(of: id))
        return try await client.stemJob(id)
    }

    /// Draws `events` until the stream ends; Ctrl-C stops watching (see the type).
    private func watch(_ events: AsyncThrowingStream<ProgressEvent, any Error>) async throws {
        let client = self.client
        let interrupt = Interrupt.install {
            let place: String
            if let embedded = client as? EmbeddedClient {
                try? await embedded.library.releaseLeases()
                BackgroundWorker.spawn(embedded.library.configuration)
                place = "in the background"
            } else {
                place = "on \(client.location)"
            }
            Terminal.clearStatus()
            FileHandle.standardError.write(Data("Stopped watching; the job goes on \(place) (`sampletok jobs`).\n".utf8))
            exit(130)
        }
        defer { interrupt.cancel() }
        for try await event in events { Self.draw(event) }
        Terminal.clearStatus()
    }

    private static func draw(_ event: ProgressEvent) {
        let line = "\(event.step.padding(toLength: 9, withPad: " ", startingAt: 0)) \(Terminal.bar(event.fraction)) "
            + String(format: "%3.0f%%  ", event.fraction * 100) + event.message
        if isatty(STDERR_FILENO) != 0 {
            Terminal.status(line)
        } else if event.sequence > 0 || event.isFinal {
            // Not a terminal: one line per kept event (each step, retry and outcome), no passing reports.
            FileHandle.standardError.write(Data("\(line)\n".utf8))
        }
    }
}
