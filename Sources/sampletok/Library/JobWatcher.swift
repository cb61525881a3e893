import Client
import Engine
import Foundation
import Model

/// `--watch`: draws a sample's job step by step from the client's events until it ends. In the
/// local library the job runs in this process (`EmbeddedClient.Workers.followedSample`), and
/// Ctrl-C stops watching: the job's lease is released and a background worker resumes it from
/// its last checkpoint.
struct JobWatcher: Sendable {
    let library: Library
    let configuration: EngineConfiguration

    func follow(_ id: UUID) async throws -> Sample {
        let interrupt = Interrupt.install { [library, configuration] in
            try? await library.releaseLeases()
            BackgroundWorker.spawn(configuration)
            Terminal.clearStatus()
            FileHandle.standardError.write(Data("Stopped watching; the job goes on in the background (`sampletok jobs`).\n".utf8))
            exit(130)
        }
        defer { interrupt.cancel() }
        let client = EmbeddedClient(library: library, workers: .followedSample)
        for try await event in client.events(of: id) { Self.draw(event) }
        Terminal.clearStatus()
        return try await library.sample(id.uuidString)
    }

    private static func draw(_ event: ProgressEvent) {
        let line = "\(event.step.padding(toLength: 9, withPad: " ", startingAt: 0)) \(Terminal.bar(event.fraction)) "
            + String(format: "%3.0f%%  ", event.fraction * 100) + event.message
        if isatty(STDERR_FILENO) != 0 {
            Terminal.status(line)
        } else if event.fraction == 0 || event.isFinal || event.step == "retrying" {
            FileHandle.standardError.write(Data("\(line)\n".utf8))
        }
    }
}
