import ArgumentParser
import Engine
import Foundation

/// `sampletok backfill-hls`.
struct BackfillHLSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backfill-hls", abstract: "Make the HLS stream of completed samples that lack one (from their WAV).")
    @Flag(help: "Only list the samples that lack HLS.") var dryRun = false
    @Option(help: "At most this many samples.") var limit: Int?
    @OptionGroup var library: LibraryOptions

    func run() async throws {
        let (dryRun, limit) = (self.dryRun, self.limit)
        try await LibrarySession.run(library, demo: false) { library in
            let report = try await library.samples.backfillHLS(dryRun: dryRun, limit: limit)
            for sample in report.samples { print("\(dryRun ? "lacks HLS" : "made HLS")  \(SampleText.shortID(sample.id))  \(sample.title ?? "")") }
            for failure in report.failures { Terminal.error("\(SampleText.shortID(failure.id)): \(failure.error)") }
            print("\(report.samples.count) sample(s) \(dryRun ? "lack HLS" : "backfilled")\(report.failures.isEmpty ? "" : ", \(report.failures.count) failed").")
        }
    }
}
