import ArgumentParser
import Client
import Foundation

/// `sampletok show ID`.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one sample: metadata, analysis, files.")
    @Argument(help: "The sample id, or its first characters.") var id: String
    @Flag(help: "Print the sample as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let (id, json) = (self.id, self.json)
        try await ClientSession.run(client) { client in
            let sample = try await client.sample(id)
            print(json ? try JSONOutput.string(sample) : SampleText.details(sample))
        }
    }
}
