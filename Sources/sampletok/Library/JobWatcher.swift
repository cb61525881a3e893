import Engine
import Foundation
import Model

/// `--watch`: runs a sample's job in this process and draws its steps from the engine's event
/// stream (or, when another process holds the job, from its row). Ctrl-C stops watching: the
/// job's lease is released and a background worker resumes it from its last checkpoint.
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
        let events = library.events.subscribe(sample: id)
        let drawing = Task {
            for await event in events { Self.draw(step: event.step, fraction: event.fraction, note: event.message) }
        }
        defer { drawing.cancel() }
        let library = self.library
        let isFinal: @Sendable () async -> Bool = {
            guard let sample = try? await library.sample(id.uuidString) else { return true }
            if sample.status == .completed || sample.status == .failed { return true }
            // Another process may hold the job: show what its row says.
            if let job = try? await library.job(forSample: id), job.status == .running || job.status == .retrying {
                Self.draw(step: job.step ?? "queued", fraction: job.progress,
                          note: job.status == .retrying ? "retrying: \(job.lastError?.message ?? "")" : "")
            }
            return false
        }
        try await JobRunner(library: library).run(workers: 1, sample: id, pollInterval: .milliseconds(150), shouldStop: isFinal)
        Terminal.clearStatus()
        return try await library.sample(id.uuidString)
    }

    private static func draw(step: String, fraction: Double, note: String) {
        let line = "\(step.padding(toLength: 9, withPad: " ", startingAt: 0)) \(Terminal.bar(fraction)) "
            + String(format: "%3.0f%%  ", fraction * 100) + note
        if isatty(STDERR_FILENO) != 0 {
            Terminal.status(line)
        } else if fraction == 0 || step == "done" || step == "failed" || step == "retrying" {
            FileHandle.standardError.write(Data("\(line)\n".utf8))
        }
    }
}
