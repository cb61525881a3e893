import ArgumentParser
import Client
import Foundation
import Model

/// `sampletok crate export NAME --format wav|mp3 --to DIR`: every sample in order and a playlist.
struct CrateExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export every sample of a crate, in order (01 …, 02 …), with a crate.m3u8 playlist beside them.",
        discussion: """
            Each export counts as a download. A sample that cannot be exported (still processing, \
            failed) is left out of the folder and the playlist and named on stderr; the command \
            then exits with status 65 after writing the others.
            """)
    @Argument(help: "The crate's name (or id).") var crate: String
    @Option(help: "wav or mp3.") var format: ExportFormat = .wav
    @Option(help: "The folder (made if missing).") var to: String
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let (name, format) = (crate, self.format)
        let folder = URL(fileURLWithPath: to)
        try await ClientSession.run(client, demo: false) { client in
            let outcome = try await CrateExport(client: client).run(name, format: format, to: folder)
            for file in outcome.files { print(file.path) }
            print(outcome.playlist.path)
            for (sample, error) in outcome.skipped {
                FileHandle.standardError.write(Data("skipped \(SampleText.shortID(sample.id)) \(sample.title ?? ""): \(error.code): \(error.message)\n".utf8))
            }
            if !outcome.skipped.isEmpty { throw ExitCode(65) }
        }
    }
}
