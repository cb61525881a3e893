import ArgumentParser
import Client
import Foundation
import Model

/// `sampletok jobs`.
struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs", abstract: "Show pipeline jobs: queued, running, retrying, failed (with --all, finished ones too).")
    @Flag(help: "Include finished jobs.") var all = false
    @Flag(help: "Print the jobs as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let (all, json) = (self.all, self.json)
        try await ClientSession.run(client, demo: false) { client in
            let jobs = try await client.jobs(includeDone: all)
            if json {
                print(try JSONOutput.string(jobs))
                return
            }
            if jobs.isEmpty { print("No jobs\(all ? "" : " waiting or running").") }
            for job in jobs {
                var line = "\(SampleText.shortID(job.sampleID))  \(job.status.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))"
                    + "  \((job.step ?? "-").padding(toLength: 9, withPad: " ", startingAt: 0)) \(Terminal.bar(job.progress, width: 12))"
                    + String(format: " %3.0f%%", job.progress * 100) + "  try \(job.attempts)/\(job.maxAttempts)  \(job.source)"
                if let error = job.lastError { line += "\n          \(error.code): \(error.message)" }
                print(line)
            }
        }
    }
}
