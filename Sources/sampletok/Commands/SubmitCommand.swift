import ArgumentParser
import Engine
import Foundation
import Model

/// `sampletok submit URL`: a media URL (or a local path) becomes a sample.
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit a media URL (or a local file) to become a sample.",
        discussion: """
            Prints the sample id and returns at once; a background worker processes it. With --watch, \
            follows every step with a progress bar and ends with the sample's summary (Ctrl-C stops \
            watching, not the job). Submitting the same URL again returns the existing sample.
            """)

    @Argument(help: "An http(s) URL of an audio or video file, or a local path.")
    var url: String

    @Flag(help: "Follow the job's steps until the sample is ready or has failed.")
    var watch = false

    @Flag(help: "Print the sample as JSON.")
    var json = false

    @OptionGroup var library: LibraryOptions

    func run() async throws {
        let (url, watch, json, configuration) = (self.url, self.watch, self.json, library.configuration)
        try await LibrarySession.run(library) { library in
            let outcome = try await library.submit(url)
            if outcome.sample.status == .pending || outcome.sample.status == .processing {
                BackgroundWorker.spawn(configuration)
            }
            guard watch else {
                if json {
                    print(try JSONOutput.string(outcome))
                } else {
                    print(SampleText.shortID(outcome.sample.id) + (outcome.created ? "" : "  (already in the library: \(outcome.sample.status.rawValue))"))
                }
                return
            }
            let sample = try await JobWatcher(library: library).follow(outcome.sample.id)
            print(json ? try JSONOutput.string(sample) : SampleText.details(sample))
            if sample.status == .failed { throw ExitCode(65) }
        }
    }
}

/// Follows a sample's job through the database (the worker may be another process) and draws
/// its step and progress until the sample is completed or failed.
struct JobWatcher: Sendable {
    let library: Library

    func follow(_ id: UUID) async throws -> Sample {
        var last = ""
        while true {
            let sample = try await library.sample(id.uuidString)
            if sample.status == .completed || sample.status == .failed {
                Terminal.clearStatus()
                return sample
            }
            if let job = try await library.job(forSample: id) {
                let step = job.step ?? "queued"
                let line = "\(step.padding(toLength: 9, withPad: " ", startingAt: 0)) \(Terminal.bar(job.progress)) "
                    + String(format: "%3.0f%%", job.progress * 100)
                    + (job.status == .retrying ? "  retrying: \(job.lastError?.message ?? "")" : "")
                if line != last {
                    if isatty(STDERR_FILENO) != 0 { Terminal.status(line) } else if step != last.prefix(9).trimmingCharacters(in: .whitespaces) {
                        FileHandle.standardError.write(Data("\(step)\n".utf8))
                    }
                    last = line
                }
            }
            try await Task.sleep(for: .milliseconds(150))
        }
    }
}
