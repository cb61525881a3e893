import ArgumentParser
import Client
import Foundation

/// `sampletok stems list ID`: a sample's stem jobs and their stems.
struct StemsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "A sample's stem jobs, newest first, with their stems.")
    @Argument(help: "The sample id, or its first characters.") var id: String
    @Flag(help: "Print them as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let (id, json) = (self.id, self.json)
        try await ClientSession.run(client, demo: false) { client in
            let jobs = try await client.stemJobs(of: id)
            if json { print(try JSONOutput.string(jobs)); return }
            if jobs.isEmpty { print("No stems yet: `sampletok stems \(id) --stems drum` asks for some.") }
            for job in jobs { print(StemText.details(job)) }
        }
    }
}
