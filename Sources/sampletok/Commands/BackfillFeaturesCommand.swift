import ArgumentParser
import Engine
import Foundation

/// `sampletok backfill-features`.
struct BackfillFeaturesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backfill-features",
        abstract: "Make the sound descriptor (for `similar`) of samples and stems analysed before it, from their WAV.",
        discussion: "Only samples and stems without a current descriptor are read; running it again does nothing new.")
    @Option(help: "At most this many samples and stems.") var limit: Int?
    @OptionGroup var library: LibraryOptions

    func run() async throws {
        let limit = self.limit
        try await LibrarySession.run(library, demo: false) { library in
            let report = try await library.samples.backfillFeatures(limit: limit)
            for failure in report.failures { Terminal.error("\(SampleText.shortID(failure.id)): \(failure.error)") }
            print("\(report.samples) sample(s) and \(report.stems) stem(s) given a descriptor, \(report.current) already had one"
                  + (report.failures.isEmpty ? "." : ", \(report.failures.count) failed."))
        }
    }
}
