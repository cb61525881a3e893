import ArgumentParser
import Client
import Foundation
import Model

/// `sampletok export ID`.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Copy a sample's WAV or MP3 to a folder, or just a region of it (counts as a download).",
        discussion: """
        With --start and --end only those seconds are written, sample-exactly, under the sample's \
        name with the region's times (`title - 96 BPM - A minor - 2.50-6.30 s.wav`); --snap moves \
        both ends to the nearest beat of the sample's beat grid first (`show --json` lists the beats).
        """)
    @Argument(help: "The sample id, or its first characters.") var id: String
    @Option(help: "wav or mp3.") var format: ExportFormat = .wav
    @Option(help: "The folder (default ~/Music/SampleTok).") var out: String?
    @Option(help: ArgumentHelp("Where the region starts, in seconds.", valueName: "seconds")) var start: Double?
    @Option(help: ArgumentHelp("Where the region ends, in seconds.", valueName: "seconds")) var end: Double?
    @Flag(help: "Snap the region's ends to the nearest beats.") var snap = false
    @OptionGroup var client: ClientOptions

    /// The region asked for, nil for the whole sample.
    var region: LoopRegion? {
        get throws {
            switch (start, end) {
            case (nil, nil):
                if snap { throw ValidationError("--snap moves a region's ends: give --start and --end too.") }
                return nil
            case (let start?, let end?):
                guard let region = LoopRegion(start: start, end: end) else {
                    throw ValidationError("A region needs 0 <= --start < --end (got \(start) to \(end)).")
                }
                return region
            default:
                throw ValidationError("A region needs both --start and --end, in seconds.")
            }
        }
    }

    func validate() throws { _ = try region }

    func run() async throws {
        let (id, format, snap, region) = (self.id, self.format, self.snap, try self.region)
        let folder = out.map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: NSHomeDirectory()).appendingPathComponent("Music/SampleTok")
        try await ClientSession.run(client) { client in
            if let region {
                print(try await RegionExport(client: client).sample(id, region: region, snap: snap, format: format, to: folder).path)
            } else {
                print(try await client.export(id, format: format, to: folder).path)
            }
        }
    }
}
