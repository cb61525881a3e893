import ArgumentParser
import Client
import Foundation
import Model

/// `sampletok crate remove NAME ID…`: samples out of a crate (they stay in the library).
struct CrateRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Take samples out of a crate (they stay in the library).")
    @Argument(help: "The crate's name (or id).") var crate: String
    @Argument(help: "The samples (ids or their first characters).") var samples: [String]
    @OptionGroup var client: ClientOptions

    func validate() throws {
        if samples.isEmpty { throw ValidationError("Name at least one sample to remove.") }
    }

    func run() async throws {
        let (name, samples) = (crate, self.samples)
        try await ClientSession.run(client, demo: false) { client in
            var crate = try await client.crate(name)
            for sample in samples { crate = try await client.removeFromCrate(crate.id.uuidString, sample: sample) }
            print(CrateText.details(crate))
        }
    }
}
