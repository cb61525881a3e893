import ArgumentParser
import Engine
import Foundation
import Model

/// `sampletok set ID --bpm --key`.
struct SetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Set your own tempo or key for a sample (kept apart from the detected values).",
        discussion: "`none` clears an override: `sampletok set 3f2a --key none`.")
    @Argument(help: "The sample id, or its first characters.") var id: String
    @Option(help: "The tempo in BPM, or none.") var bpm: String?
    @Option(help: "The key (\"A minor\", Am, 8A), or none.") var key: String?
    @OptionGroup var library: LibraryOptions

    func validate() throws {
        if bpm == nil && key == nil { throw ValidationError("Give --bpm, --key or both.") }
        if let bpm, bpm != "none", Double(bpm) == nil { throw ValidationError("--bpm takes a number or none.") }
        if let key, key != "none", MusicalKey(parsing: key) == nil { throw ValidationError("--key: '\(key)' is not a key.") }
    }

    func run() async throws {
        let (id, bpm, key) = (self.id, self.bpm, self.key)
        try await LibrarySession.run(library) { library in
            let sampleID = try await library.samples.id(matching: id)
            var overrides = try await library.samples.sample(sampleID).overrides ?? SampleOverrides()
            if let bpm { overrides.bpm = bpm == "none" ? nil : Double(bpm) }
            if let key { overrides.key = key == "none" ? nil : MusicalKey(parsing: key) }
            let sample = try await library.samples.setOverrides(sampleID, overrides)
            print("\(SampleText.shortID(sample.id))  \(SampleText.bpm(sample)) BPM  \(SampleText.key(sample))")
        }
    }
}
