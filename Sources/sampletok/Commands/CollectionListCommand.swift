import ArgumentParser
import Client
import Foundation
import Model

/// `sampletok collection list`: the user's collections with their progress.
struct CollectionListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Your collections, newest first, with their progress.")
    @Flag(help: "Print them as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let json = self.json
        try await ClientSession.run(client, demo: false) { client in
            let list = try await client.collections()
            if json { print(try JSONOutput.string(list)); return }
            if list.isEmpty { print("No collections yet: `sampletok collection add URL…` makes one.") }
            for collection in list { print(CollectionText.summary(collection)) }
        }
    }
}
