import ArgumentParser
import Client
import Foundation

/// `sampletok retry ID`.
struct RetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Run a failed sample's job again (a completed one is processed and analysed anew).")
    @Argument(help: "The sample id, or its first characters.") var id: String
    @Flag(help: "Follow the job until it ends.") var watch = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let (id, watch) = (self.id, self.watch)
        try await ClientSession.run(client, workers: watch ? .followedSample : .none) { client in
            let sample = try await client.retry(id)
            guard watch else {
                ClientSession.startWork(client)
                print("\(SampleText.shortID(sample.id)) queued")
                return
            }
            let done = try await JobWatcher(client: client).follow(sample.id)
            print(SampleText.details(done))
            if done.status == .failed { throw ExitCode(65) }
        }
    }
}
