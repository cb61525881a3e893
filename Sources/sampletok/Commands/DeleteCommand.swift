import ArgumentParser
import Engine
import Foundation

/// `sampletok delete ID`.
struct DeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a sample and its files.")
    @Argument(help: "The sample id, or its first characters.") var id: String
    @OptionGroup var library: LibraryOptions

    func run() async throws {
        let id = self.id
        try await LibrarySession.run(library) { library in
            let sample = try await library.samples.sample(try await library.samples.id(matching: id))
            try await library.samples.delete(sample.id)
            print("deleted \(SampleText.shortID(sample.id))  \(sample.title ?? "")")
        }
    }
}
