import ArgumentParser
import Analysis
import Benchmarks
import Engine
import Foundation
import Model

/// `sampletok bench similar`: the similarity search's speed and usefulness.
struct BenchSimilarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar",
        abstract: "Time nearest-neighbour searches among synthetic samples; measure precision at 5 on one-shots and labelled clips.",
        discussion: """
            Prints p50 and p99 of --queries searches for --limit neighbours among --count synthetic \
            descriptors (build with -c release for real numbers). With --one-shots, precision at 5 on \
            synthesised kicks, snares, hats, bass notes and chords (same instrument by timbre and by \
            all; same chord quality by tonality). With --set (a CSV with file and style columns, e.g. \
            ../shared/eval/dev.csv), precision at 5 for the same style by rhythm and timbre, with the \
            ceiling the labels allow and what chance gives.
            """)

    @Option(help: "Synthetic samples in the index.") var count = 100_000
    @Option(help: "Searches to time.") var queries = 200
    @Option(help: "Neighbours per search.") var limit = 20
    @Option(help: "timbre, rhythm, tonality or all.") var aspect: SimilarityAspect = .all
    @Flag(help: "Also measure precision at 5 on synthesised one-shots.") var oneShots = false
    @Option(help: "Also measure precision at 5 for the same style on this CSV's clips.") var set: String?
    @Flag(help: "Also time the library's search end to end on --count synthetic samples in a new SQLite library (build the index from the database, then search).")
    var library = false
    @Option(help: "Folder for the --library benchmark library (replaced).")
    var work: String = FileManager.default.temporaryDirectory.appendingPathComponent("sampletok-bench-similar").path

    func run() async throws {
        let report = SimilarityBenchmark.run(count: count, queries: queries, limit: limit, aspect: aspect)
        print("similar: \(limit) neighbours among \(count) samples by \(aspect.rawValue), \(queries) searches")
        print(String(format: "  index built in %.2f s; search p50 %.2f ms, p99 %.2f ms, max %.2f ms (wall clock)",
                     report.buildSeconds, report.percentile(0.5), report.percentile(0.99), report.milliseconds.last ?? 0))
        print(String(format: "  CPU time per search: p50 %.2f ms, p99 %.2f ms (load average %@)",
                     report.cpuPercentile(0.5), report.cpuPercentile(0.99), Self.loadAverage()))
        if oneShots {
            let figures = try SimilarityEvaluation.oneShots()
            print(String(format: "one-shots: same instrument P@5 %.3f by timbre, %.3f by all; same chord quality P@5 %.3f by tonality",
                         figures.timbre, figures.all, figures.chordQuality))
        }
        if let set { try evaluate(set) }
        if library { try await timeLibrary() }
    }

    /// The search through the library: rows in SQLite, the index built from them, the neighbours' rows read.
    private func timeLibrary() async throws {
        let root = URL(fileURLWithPath: work)
        try? FileManager.default.removeItem(at: root)
        defer { try? FileManager.default.removeItem(at: root) }
        var configuration = EngineConfiguration()
        configuration.home = root.appendingPathComponent("home")
        let library = try await Library.open(configuration)
        try await LibraryBenchmark.insertSynthetic(count, into: library)
        try await SimilarityBenchmark.fillDescriptors(of: library)
        let (first, each) = try await SimilarityBenchmark.timeLibrary(library, queries: queries, limit: limit)
        await library.close()
        let p99 = each.isEmpty ? 0 : each[min(each.count - 1, Int((Double(each.count) * 0.99).rounded(.up)) - 1)]
        print(String(format: "library (SQLite, %d samples): first search %.2f s (builds the index from the database); then p50 %.2f ms, p99 %.2f ms",
                     count, first, median(each) * 1000, p99 * 1000))
    }

    /// The 1-minute load average (`/proc/loadavg`), to read the wall-clock figures by.
    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init) ?? "?"
    }

    private func evaluate(_ csv: String) throws {
        var clips: [SimilarityEvaluation.Labelled] = []
        for clip in try BenchClip.load(csv: csv) where !clip.style.isEmpty {
            do {
                guard let descriptor = try FileAnalysis.descriptor(of: clip.path) else { continue }
                clips.append(.init(descriptor: descriptor, label: clip.style))
            } catch {
                print("\(clip.file): \(error)")
            }
        }
        var query = SimilarityQuery(aspect: .all, limit: 5)
        query.groups = [.timbre, .envelope, .rhythm]
        let found = SimilarityEvaluation.precision(at: 5, clips, query: query)
        let counts = Dictionary(grouping: clips, by: \.label).mapValues(\.count)
        let chance = clips.reduce(0.0) { $0 + Double((counts[$1.label] ?? 1) - 1) / Double(max(1, clips.count - 1)) } / Double(max(1, clips.count))
        print(String(format: "%@: same style P@5 %.3f by rhythm+timbre over %d clips, %d styles (ceiling %.3f, chance %.3f)",
                     csv, found.precision, clips.count, counts.count, found.ceiling, chance))
        let parts = [SimilarityAspect.rhythm, .timbre, .tonality, .all].map { aspect in
            String(format: "%@ %.3f", aspect.rawValue, SimilarityEvaluation.precision(at: 5, clips, aspect: aspect).precision)
        }
        print("  same style P@5 by one aspect: " + parts.joined(separator: ", "))
    }
}
