import ArgumentParser
import Engine
import Foundation

/// `sampletok retry ID`.
struct RetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Run a failed sample's job again (a completed one is processed and analysed anew).")
    @Argument(help: "The sample id, or its first characters.") var id: String
    @Flag(help: "Follow the job until it ends.") var watch = false
    @OptionGroup var library: LibraryOptions

    func run() async throws {
        let (id, watch, configuration) = (self.id, self.watch, library.configuration)
        try await LibrarySession.run(library) { library in
            let sample = try await library.retry(id)
            guard watch else {
                BackgroundWorker.spawn(configuration)
                print("\(SampleText.shortID(sample.id)) queued")
                return
            }
            let done = try await JobWatcher(library: library, configuration: configuration).follow(sample.id)
            print(SampleText.details(done))
            if done.status == .failed { throw ExitCode(65) }
        }
    }
}
