import ArgumentParser
import Client
import Foundation
import Model

/// `sampletok collection reset ID`: cancels a stuck collection's unfinished items, refunding them.
struct CollectionResetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset", abstract: "Reset a stuck collection: unfinished items are cancelled and their credits given back.")
    @Argument(help: "The collection id, or its first characters.") var id: String
    @Flag(help: "Print it as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let (id, json) = (self.id, self.json)
        try await ClientSession.run(client, demo: false) { client in
            let collection = try await client.resetCollection(id)
            print(json ? try JSONOutput.string(collection) : CollectionText.details(collection))
        }
    }
}
