import ArgumentParser
import Client
import Foundation
import Model

/// `sampletok export ID`.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Copy a sample's WAV or MP3 to a folder, or a region of it, or as heard at a tempo and key (counts as a download).",
        discussion: """
        With --start and --end only those seconds are written, sample-exactly, under the sample's \
        name with the region's times (`title - 96 BPM - A minor - 2.50-6.30 s.wav`); --snap moves \
        both ends to the nearest beat of the sample's beat grid first (`show --json` lists the beats). \
        With --tempo and/or --key the sound is stretched to that tempo (or its half or double, \
        whichever is nearest the sample's) and shifted to that key (or its relative, for a sample \
        in the other mode), as the app's synced preview plays it; the name carries the new tempo \
        and key.
        """)
    @Argument(help: "The sample id, or its first characters.") var id: String
    @Option(help: "wav or mp3.") var format: ExportFormat = .wav
    @Option(help: "The folder (default ~/Music/SampleTok).") var out: String?
    @Option(help: ArgumentHelp("Where the region starts, in seconds.", valueName: "seconds")) var start: Double?
    @Option(help: ArgumentHelp("Where the region ends, in seconds.", valueName: "seconds")) var end: Double?
    @Flag(help: "Snap the region's ends to the nearest beats.") var snap = false
    @Option(help: ArgumentHelp("Stretch to this tempo (BPM).", valueName: "bpm")) var tempo: Double?
    @Option(help: ArgumentHelp("Shift to this key (Am, F# minor, 8A).", valueName: "key")) var key: String?
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

    /// The session to bend to, nil for the sound as it is.
    var session: (tempo: Double?, key: MusicalKey?)? {
        get throws {
            if let tempo, !(20...400).contains(tempo) { throw ValidationError("--tempo is a BPM from 20 to 400 (got \(tempo)).") }
            let musicalKey = try key.map { text in
                guard let parsed = MusicalKey(parsing: text) else { throw ValidationError("--key is a key such as Am, F# minor or 8A, not \(text).") }
                return parsed
            }
            return tempo == nil && musicalKey == nil ? nil : (tempo, musicalKey)
        }
    }

    func validate() throws {
        _ = try region
        _ = try session
    }

    func run() async throws {
        let (id, format, snap, region, session) = (self.id, self.format, self.snap, try self.region, try self.session)
        let folder = out.map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: NSHomeDirectory()).appendingPathComponent("Music/SampleTok")
        try await ClientSession.run(client) { client in
            if region != nil || session != nil {
                print(try await ClipExport(client: client).sample(id, region: region, snap: snap, session: session, format: format, to: folder).path)
            } else {
                print(try await client.export(id, format: format, to: folder).path)
            }
        }
    }
}
