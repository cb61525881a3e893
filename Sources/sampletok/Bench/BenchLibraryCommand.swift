import Analysis
import ArgumentParser
import Benchmarks
import Engine
import Foundation
import Media
import Model

/// `sampletok bench library`: query speed on a large library, open time, import throughput.
struct BenchLibraryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "library",
        abstract: "Time page queries on a library of synthetic rows, opening it, and importing files with the workers.",
        discussion: """
            Targets: p99 ≤ 10 ms per page query on 100,000 rows, open ≤ 200 ms. Needs ffmpeg on PATH for the import. \
            With DATABASE_URL set it runs on that PostgreSQL database, which must be empty.
            """)

    @Option(help: "Synthetic rows.") var rows = 100_000
    @Option(help: "Page queries to time.") var queries = 300
    @Option(help: "Files to import (short generated WAVs); 0 skips the import.") var files = 50
    @Option(help: "Workers for the import.") var workers = 2
    @Option(help: "Folder for the benchmark library (replaced).")
    var work: String = FileManager.default.temporaryDirectory.appendingPathComponent("sampletok-bench-library").path

    func run() async throws {
        MediaLog.configure()
        let root = URL(fileURLWithPath: work)
        try? FileManager.default.removeItem(at: root)
        var configuration = EngineConfiguration()
        configuration.home = root.appendingPathComponent("home")
        configuration.workers = workers

        var library = try await Library.open(configuration)
        let insertStart = ProcessClock.wall()
        try await LibraryBenchmark.insertSynthetic(rows, into: library)
        print(String(format: "inserted %d synthetic rows in %.1f s", rows, ProcessClock.wall() - insertStart))
        _ = try await LibraryBenchmark.timeQueries(20, on: library)  // warm the page cache
        let timed = try await LibraryBenchmark.timeQueries(queries, on: library)
        func report(_ label: String, _ times: [Double]) {
            let sorted = times.sorted()
            guard !sorted.isEmpty else { return }
            print(String(format: "  %-22@ %4d queries: median %6.2f ms, p99 %6.2f ms, max %6.2f ms", label, sorted.count,
                         median(sorted) * 1000, sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))] * 1000,
                         (sorted.last ?? 0) * 1000))
        }
        print("page queries on \(rows) rows (a search word, a 20-BPM range, a key, a sort; with the total count):")
        report("all", timed.map(\.seconds))
        for sort in Set(timed.map(\.sort)).sorted() { report("sort \(sort)", timed.filter { $0.sort == sort }.map(\.seconds)) }
        await library.close()
        var opens: [Double] = []
        for _ in 0..<5 {
            let start = ProcessClock.wall()
            library = try await Library.open(configuration)
            opens.append(ProcessClock.wall() - start)
            await library.close()
        }
        print(String(format: "open the library (%d rows): median %.1f ms, max %.1f ms", rows, median(opens) * 1000, (opens.max() ?? 0) * 1000))
        if files > 0 { try await importFiles(configuration, root: root) }
    }

    private func importFiles(_ configuration: EngineConfiguration, root: URL) async throws {
        var configuration = configuration
        configuration.home = root.appendingPathComponent("import-home")
        let media = root.appendingPathComponent("media")
        try FileManager.default.createDirectory(at: media, withIntermediateDirectories: true)
        for i in 0..<files {
            let status = try Subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                                             "aevalsrc=0.3*sin(2*PI*\(110 + i * 7)*t)*(1+sin(2*PI*2*t))/2|0.3*sin(2*PI*\(165 + i * 5)*t):s=44100:d=15",
                                             "-c:a", "aac", "-b:a", "128k", media.appendingPathComponent("clip-\(i).m4a").path])
            guard status == 0 else { throw ValidationError("ffmpeg could not make the import files") }
        }
        let library = try await Library.open(configuration)
        let events = library.events.subscribe()
        let collector = Task { () -> [UUID: (start: Double, end: Double)] in
            var spans: [UUID: (start: Double, end: Double)] = [:]
            for await event in events {
                let now = ProcessClock.wall()
                let start = spans[event.sampleID]?.start ?? now
                spans[event.sampleID] = (start, now)
            }
            return spans
        }
        let start = ProcessClock.wall()
        let outcomes = try await library.samples.importFiles([media.path])
        let ids = outcomes.compactMap { try? $0.result.get().sample.id }
        try await JobRunner(library: library).run(workers: workers) { (try? await library.jobs.hasPending()) == false }
        let wall = ProcessClock.wall() - start
        collector.cancel()
        let spans = await collector.value.values.map { $0.end - $0.start }
        let completed = try await library.samples.list(SampleQuery(status: .completed, limit: 200)).total
        print(String(format: "imported %d files of 15 s with %d workers: %.1f s wall, per-file median %.2f s (%d completed of %d)",
                     files, workers, wall, median(spans), completed, ids.count))
        await library.close()
    }
}
