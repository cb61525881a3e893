import ArgumentParser
import Client
import Foundation
import Model

/// `sampletok similar ID`: the samples that sound most like one.
struct SimilarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar",
        abstract: "List the samples that sound most like one, closest first.",
        discussion: """
            --aspect chooses what "sounds like" means: timbre (colour and loudness shape), rhythm \
            (onsets, groove, tempo), tonality (harmony relative to the key: a riff in another key \
            still matches) or all (each weighing the same). --bpm, --key and --compatible filter the \
            neighbours as `list` does. A sample analysed before descriptors needs `sampletok backfill-features`.
            """)

    @Argument(help: "The sample id, or its first characters.") var id: String
    @Option(help: "timbre, rhythm, tonality or all.") var aspect: SimilarityAspect = .all
    @Option(help: "How many neighbours (1–100).") var limit: Int = 20
    @Option(help: "A tempo range, e.g. 90-110 (or one tempo, ±2 BPM).") var bpm: String?
    @Flag(help: "The --bpm range also matches at half and double time.") var halfDouble = false
    @Option(help: "Only this key.") var key: String?
    @Option(help: "Only keys compatible with this one.") var compatible: String?
    @Flag(help: "Print the neighbours as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func validate() throws {
        guard (1...SimilarityQuery.maximumLimit).contains(limit) else { throw ValidationError("--limit is 1–\(SimilarityQuery.maximumLimit).") }
        _ = try filters()
    }

    /// The tempo and key filters, read as `list` reads them.
    func filters() throws -> SampleQuery {
        var query = SampleQuery(bpmHalfDouble: halfDouble ? true : nil)
        try ListCommand.applyFilters(bpm: bpm, key: key, compatible: compatible, to: &query)
        return query
    }

    func run() async throws {
        let (id, json) = (self.id, self.json)
        let query = SimilarityQuery(aspect: aspect, limit: limit, filters: try filters())
        try await ClientSession.run(client) { client in
            let found = try await client.similar(id, query)
            if json {
                print(try JSONOutput.string(found))
                return
            }
            if found.items.isEmpty { print("No sample passes the filters.") }
            for item in found.items {
                let sample = item.sample
                let similarity = String(format: "%3.0f%%", item.similarity * 100)
                print("\(similarity)  \(SampleText.shortID(sample.id))  \(sample.bpmLabel ?? "-")  \(sample.keyLabel ?? "-")  \(sample.title ?? "")")
            }
        }
    }
}

extension SimilarityAspect: ExpressibleByArgument {}
