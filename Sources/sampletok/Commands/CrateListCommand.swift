import ArgumentParser
import Client
import Foundation
import Model

/// `sampletok crate list`: the user's crates with their counts.
struct CrateListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Your crates, by name, with how many samples each holds.")
    @Flag(help: "Print them as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let json = self.json
        try await ClientSession.run(client, demo: false) { client in
            let list = try await client.crates()
            if json { print(try JSONOutput.string(list)); return }
            if list.isEmpty { print("No crates yet: `sampletok crate make NAME` makes one.") }
            for crate in list { print(CrateText.summary(crate)) }
        }
    }
}
