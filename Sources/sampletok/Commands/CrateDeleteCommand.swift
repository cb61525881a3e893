import ArgumentParser
import Client
import Foundation
import Model

/// `sampletok crate delete NAME`: the crate goes, its samples stay.
struct CrateDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a crate (its samples stay in the library).")
    @Argument(help: "The crate's name (or id).") var crate: String
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let name = crate
        try await ClientSession.run(client, demo: false) { client in
            let crate = try await client.crate(name)
            try await client.deleteCrate(crate.id.uuidString)
            print("Deleted the crate '\(crate.name)' (\(crate.count) sample\(crate.count == 1 ? "" : "s") stay in the library).")
        }
    }
}
