import ArgumentParser
import Client
import Foundation
import Model

/// `sampletok list`: search and filter the library.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List, search and filter the samples in the library.",
        discussion: """
            --search finds words in titles, descriptions and creators: whole words, prefixes (`kic` finds \
            "kick"), parts of words (`ells` finds "trap-bells") and words one typo away (`hose` finds "house"), \
            ranked in that order. Field filters may stand beside the words: `bpm:90-110`, `bpm:~120` (half and \
            double time too), `key:Am`, `camelot:8A`, `mix:8A`, `scale:minor`, `status:failed`. \
            --key takes "A minor", Am, A#m, Bb major or a Camelot code (8A); --compatible lists the keys \
            that mix with one on the Camelot wheel (same, ±1, relative).
            """)

    @Option(help: "Words to search for, and fields beside them (bpm:90-110 key:Am status:failed).") var search: String?
    @Option(help: "A tempo range, e.g. 90-110 (or one tempo, ±2 BPM).") var bpm: String?
    @Flag(help: "The --bpm range also matches at half and double time.") var halfDouble = false
    @Option(help: "Only this key.") var key: String?
    @Option(help: "Only keys compatible with this one.") var compatible: String?
    @Option(help: "Only this status: pending, processing, completed, failed.") var status: SampleStatus?
    @Option(help: "newest, oldest, bpm, duration, downloads or views (default: relevance when searching, else newest).")
    var sort: SampleSort?
    @Option(help: "The page, from 1.") var page: Int = 1
    @Option(help: "Samples per page (1–200).") var limit: Int = 50
    @Flag(help: "Only the samples you starred (`sampletok star`).") var starred = false
    @Flag(help: "Print the page as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func validate() throws { _ = try query() }

    func query() throws -> SampleQuery {
        var query = SampleQuery(search: search, status: status, sort: sort, page: page, limit: limit,
                                bpmHalfDouble: halfDouble ? true : nil, starred: starred ? true : nil)
        try Self.applyFilters(bpm: bpm, key: key, compatible: compatible, to: &query)
        guard page >= 1, (1...200).contains(limit) else { throw ValidationError("--page starts at 1; --limit is 1–200.") }
        return query
    }

    func run() async throws {
        let (query, json) = (try self.query(), self.json)
        try await ClientSession.run(client) { client in
            let page = try await client.list(query)
            if json {
                print(try JSONOutput.string(page))
                return
            }
            for sample in page.items { print(SampleText.row(sample)) }
            let first = page.total == 0 ? 0 : (page.page - 1) * page.limit + 1
            print("\(first)–\((page.page - 1) * page.limit + page.items.count) of \(page.total) sample(s)"
                + (page.pageCount > page.page ? " · --page \(page.page + 1) for more" : ""))
        }
    }
}

extension ListCommand {
    /// Reads `--bpm` (a range like 90-110, or one tempo ±2), `--key` and `--compatible` into
    /// `query`: the list's filters, and the similarity search's.
    static func applyFilters(bpm: String?, key: String?, compatible: String?, to query: inout SampleQuery) throws {
        if let bpm {
            let parts = bpm.split(separator: "-").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            switch parts.count {
            case 1: if let value = parts[0] { (query.bpmMin, query.bpmMax) = (value - 2, value + 2) }
            case 2: (query.bpmMin, query.bpmMax) = (parts[0], parts[1])
            default: break
            }
            guard query.bpmMin != nil, query.bpmMax != nil else { throw ValidationError("--bpm takes a range like 90-110.") }
        }
        if let key {
            guard let parsed = MusicalKey(parsing: key) else { throw ValidationError("--key: '\(key)' is not a key (try \"A minor\", Am or 8A).") }
            query.key = parsed
        }
        if let compatible {
            guard let parsed = MusicalKey(parsing: compatible) else { throw ValidationError("--compatible: '\(compatible)' is not a key.") }
            query.compatibleWith = parsed
        }
    }
}

extension SampleStatus: ExpressibleByArgument {}
extension SampleSort: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}
