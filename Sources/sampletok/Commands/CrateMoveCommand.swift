import ArgumentParser
import Client
import Foundation
import Model

/// `sampletok crate move NAME ID PLACE`: reorders a crate.
struct CrateMoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "move", abstract: "Move a sample of a crate to another place.")
    @Argument(help: "The crate's name (or id).") var crate: String
    @Argument(help: "The sample (id or its first characters).") var sample: String
    @Argument(help: "Its new place, from 1 (past the end: last).") var position: Int
    @OptionGroup var client: ClientOptions

    func validate() throws {
        if position < 1 { throw ValidationError("The place is from 1.") }
    }

    func run() async throws {
        let (name, sample, position) = (crate, self.sample, self.position)
        try await ClientSession.run(client, demo: false) { client in
            print(CrateText.details(try await client.moveInCrate(name, sample: sample, to: position)))
        }
    }
}
