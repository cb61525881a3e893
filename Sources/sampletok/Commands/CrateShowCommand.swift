import ArgumentParser
import Client
import Foundation
import Model

/// `sampletok crate show NAME`: a crate's samples in order.
struct CrateShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "A crate's samples, in order.")
    @Argument(help: "The crate's name (or its id, or the id's first characters).") var crate: String
    @Flag(help: "Print it as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let (name, json) = (crate, self.json)
        try await ClientSession.run(client, demo: false) { client in
            let crate = try await client.crate(name)
            print(json ? try JSONOutput.string(crate) : CrateText.details(crate))
        }
    }
}
