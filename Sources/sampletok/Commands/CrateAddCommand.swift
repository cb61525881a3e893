import ArgumentParser
import Client
import Foundation
import Model

/// `sampletok crate add NAME ID… [--at N]`: samples into a crate.
struct CrateAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add samples to a crate, at the end or from a place (one already in it stays where it is).")
    @Argument(help: "The crate's name (or id).") var crate: String
    @Argument(help: "The samples, in order (ids or their first characters).") var samples: [String]
    @Option(help: "The place of the first one, from 1 (default: the end).") var at: Int?
    @OptionGroup var client: ClientOptions

    func validate() throws {
        if samples.isEmpty { throw ValidationError("Name at least one sample to add.") }
        if let at, at < 1 { throw ValidationError("--at is a place from 1.") }
    }

    func run() async throws {
        let (name, samples, at) = (crate, self.samples, self.at)
        try await ClientSession.run(client, demo: false) { client in
            var crate = try await client.crate(name)
            for (offset, sample) in samples.enumerated() {
                crate = try await client.addToCrate(crate.id.uuidString, sample: sample, at: at.map { $0 + offset })
            }
            print(CrateText.details(crate))
        }
    }
}
