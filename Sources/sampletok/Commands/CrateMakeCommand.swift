import ArgumentParser
import Client
import Foundation
import Model

/// `sampletok crate make NAME [ID…]`: a new crate, with samples if given.
struct CrateMakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "make", abstract: "Make a crate, optionally with samples in it.")
    @Argument(help: "The crate's name (1–100 characters, unique among your crates).") var name: String
    @Argument(help: "Samples to put in it, in order (ids or their first characters).") var samples: [String] = []
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let (name, samples) = (self.name, self.samples)
        try await ClientSession.run(client, demo: false) { client in
            var crate = try await client.createCrate(named: name)
            for sample in samples { crate = try await client.addToCrate(crate.id.uuidString, sample: sample, at: nil) }
            print(CrateText.details(crate))
        }
    }
}
