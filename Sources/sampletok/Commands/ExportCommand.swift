import ArgumentParser
import Client
import Foundation
import Model

/// `sampletok export ID`.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Copy a sample's WAV or MP3 to a folder (counts as a download).")
    @Argument(help: "The sample id, or its first characters.") var id: String
    @Option(help: "wav or mp3.") var format: ExportFormat = .wav
    @Option(help: "The folder (default ~/Music/SampleTok).") var out: String?
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let (id, format) = (self.id, self.format)
        let folder = out.map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: NSHomeDirectory()).appendingPathComponent("Music/SampleTok")
        try await ClientSession.run(client) { client in
            print(try await client.export(id, format: format, to: folder).path)
        }
    }
}
