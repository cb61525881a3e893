import ArgumentParser
import Engine
import Foundation

/// `sampletok show ID`.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one sample: metadata, analysis, files.")
    @Argument(help: "The sample id, or its first characters.") var id: String
    @Flag(help: "Print the sample as JSON.") var json = false
    @OptionGroup var library: LibraryOptions

    func run() async throws {
        let (id, json) = (self.id, self.json)
        try await LibrarySession.run(library) { library in
            let sample = try await library.sample(id)
            print(json ? try JSONOutput.string(sample) : SampleText.details(sample))
        }
    }
}
