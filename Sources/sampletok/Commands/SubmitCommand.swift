import ArgumentParser
import Client
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

    @Argument(help: "An http(s) URL of an audio or video file, or a local path (local library only).")
    var url: String

    @Flag(help: "Follow the job's steps until the sample is ready or has failed.")
    var watch = false

    @Flag(help: "Print the sample as JSON.")
    var json = false

    @OptionGroup var client: ClientOptions

    func run() async throws {
        let (url, watch, json) = (self.url, self.watch, self.json)
        try await ClientSession.run(client, workers: watch ? .followedSample : .none) { client in
            let outcome = try await client.submit(url)
            guard watch else {
                if outcome.sample.status == .pending || outcome.sample.status == .processing {
                    ClientSession.startWork(client)
                }
                if json {
                    print(try JSONOutput.string(outcome))
                } else {
                    print(SampleText.shortID(outcome.sample.id) + (outcome.created ? "" : "  (already in the library: \(outcome.sample.status.rawValue))"))
                }
                return
            }
            let sample = try await JobWatcher(client: client).follow(outcome.sample.id)
            print(json ? try JSONOutput.string(sample) : SampleText.details(sample))
            if sample.status == .failed { throw ExitCode(65) }
        }
    }
}

