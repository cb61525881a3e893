import ArgumentParser
import Client
import Foundation
import Model

/// `sampletok collection show ID`: one collection and its items, optionally followed.
struct CollectionShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "A collection's progress and each item's sample and status.")
    @Argument(help: "The collection id, or its first characters.") var id: String
    @Flag(help: "Follow it until every item is finished.") var watch = false
    @Flag(help: "Print it as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let (id, watch, json) = (self.id, self.watch, self.json)
        try await ClientSession.run(client, workers: watch ? .background(2) : .none, demo: false) { client in
            guard watch else {
                let collection = try await client.collection(id)
                print(json ? try JSONOutput.string(collection) : CollectionText.details(collection))
                return
            }
            try await CollectionText.watch(id, on: client, json: json)
        }
    }
}
