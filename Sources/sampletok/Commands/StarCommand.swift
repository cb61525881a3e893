import ArgumentParser
import Client
import Foundation
import Model

/// `sampletok star ID… [--off]`: stars samples (or takes the stars off).
struct StarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "star", abstract: "Star samples (`sampletok list --starred` lists them); --off takes the stars off.")
    @Argument(help: "The samples (ids or their first characters).") var samples: [String]
    @Flag(help: "Take the stars off instead.") var off = false
    @OptionGroup var client: ClientOptions

    func validate() throws {
        if samples.isEmpty { throw ValidationError("Name at least one sample.") }
    }

    func run() async throws {
        let (samples, starred) = (self.samples, !off)
        try await ClientSession.run(client, demo: false) { client in
            for sample in samples {
                let state = try await client.setStar(sample, starred)
                print("\(state.starred ? "★" : "☆") \(SampleText.shortID(state.sampleID))")
            }
        }
    }
}
