import ArgumentParser
import Client
import Foundation
import Model

/// `sampletok crate rename NAME NEW`.
struct CrateRenameCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename a crate.")
    @Argument(help: "The crate's name (or id).") var crate: String
    @Argument(help: "Its new name.") var name: String
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let (crate, name) = (self.crate, self.name)
        try await ClientSession.run(client, demo: false) { client in
            print(CrateText.summary(try await client.renameCrate(crate, to: name)))
        }
    }
}
