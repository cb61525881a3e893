import Analysis
import ArgumentParser
import Benchmarks
import Engine
import Foundation
import Logging
import Media
import Model
import Server
import ServiceLifecycle

/// `sampletok bench serve`: requests/s and latency of the HTTP API under load, from `wrk`.
struct BenchServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Load the HTTP API on loopback with wrk: a sample list page with a search and a BPM filter, and an HLS segment.",
        discussion: """
            Builds a library of synthetic rows plus one real sample (a generated tone, for its HLS \
            segments), serves it in this process on 127.0.0.1, and runs `wrk` (apt-get install wrk) \
            against it. With DATABASE_URL the library is a new database on that PostgreSQL server (needs \
            psql), dropped at the end; else SQLite. Targets on two cores (wrk shares them): list ≥ 5,000 req/s with p99 ≤ 20 ms, \
            segment ≥ 10,000 req/s. Needs ffmpeg on PATH.
            """)

    @Option(help: "Synthetic rows in the library.") var rows = 100_000
    @Option(help: "Open connections.") var connections = 64
    @Option(help: "wrk threads.") var threads = 2
    @Option(help: "Seconds of load per target.") var seconds = 10
    @Option(help: "The list query (path and query string).")
    var list = "/api/v1/samples?q=kick&bpm_min=90&bpm_max=110&limit=20"
    @Option(help: "Folder for the benchmark library (replaced).")
    var work: String = FileManager.default.temporaryDirectory.appendingPathComponent("sampletok-bench-serve").path

    func validate() throws {
        guard (1...10_000).contains(connections) else { throw ValidationError("--connections must be 1–10000.") }
        guard (1...64).contains(threads), threads <= connections else { throw ValidationError("--threads must be 1–64 and at most --connections.") }
        guard (1...600).contains(seconds) else { throw ValidationError("--seconds must be 1–600.") }
        guard rows >= 0 else { throw ValidationError("--rows must not be negative.") }
        guard list.hasPrefix("/") else { throw ValidationError("--list is a path starting with /.") }
    }

    func run() async throws {
        // `wrk --version` prints its name and exits 1; without wrk, env prints nothing.
        guard (try? Subprocess.output(["wrk", "--version"]))?.output.hasPrefix("wrk ") == true else {
            throw ValidationError("wrk is not installed: apt-get install wrk (or make deps).")
        }
        MediaLog.configure()
        let root = URL(fileURLWithPath: work)
        try? FileManager.default.removeItem(at: root)
        var engine = EngineConfiguration()
        engine.home = root.appendingPathComponent("home")
        // With DATABASE_URL (PostgreSQL): a new database of its own on that server, dropped at the end.
        let bench = try engine.databaseURL.map { try BenchDatabase(server: $0, label: "serve") }
        defer { bench?.drop() }
        engine.databaseURL = bench?.url
        let library = try await Library.open(engine)

        let start = ProcessClock.wall()
        try await LibraryBenchmark.insertSynthetic(rows, into: library)
        let segment = try await realSample(in: library, folder: root)
        print(String(format: "library: %d synthetic rows + 1 real sample in %.1f s, on %@", rows, ProcessClock.wall() - start,
                     bench == nil ? "SQLite" : "PostgreSQL"))

        var server = ServerConfiguration()
        server.host = "127.0.0.1"
        server.port = 0
        let (ports, portFeed) = AsyncStream<Int>.makeStream()
        let application = APIServer(library: library, configuration: server).application { port in portFeed.yield(port) }
        let group = ServiceGroup(configuration: .init(services: [application], logger: Logger(label: "sampletok.bench")))
        let serving = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw ValidationError("the server did not start") }
        // wrk is waited for on a thread of its own: blocking one of Swift's cooperative threads
        // (one per core) would take it from the server's handlers.
        let run: @Sendable () throws -> Void = { [self] in try measure(port: port, segment: segment) }
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            Thread.detachNewThread { done.resume(with: Result { try run() }) }
        }
        await group.triggerGracefulShutdown()
        try? await serving.value
        await library.close()
    }

    /// Loads each target with wrk and prints its figures.
    private func measure(port: Int, segment: SampleFile) throws {
        let base = "http://127.0.0.1:\(port)"
        print("wrk: \(threads) threads, \(connections) connections, \(seconds) s per target, on \(base)")
        let targets: [(name: String, path: String, rate: Double, p99: Double?)] = [
            ("list", list, 5_000, 20),
            ("segment", "/files/\(segment.key)", 10_000, nil),
        ]
        for target in targets {
            _ = try Subprocess.output(["wrk", "-t\(threads)", "-c\(connections)", "-d2s", base + target.path])  // warm up
            let cpu = ProcessClock.cpu()
            let result = try Wrk.run(url: base + target.path, threads: threads, connections: connections, seconds: seconds)
            // The server's CPU per request: steadier than req/s when other work shares the cores.
            let cpuPerRequest = (ProcessClock.cpu() - cpu) / Double(max(1, result.requests))
            let meets = result.requestsPerSecond >= target.rate && (target.p99.map { result.p99 * 1000 <= $0 } ?? true)
            print(String(format: "  %-8@ %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  server CPU %5.0f µs/request  (%d requests, %d errors, %d non-2xx)  target ≥ %.0f req/s%@: %@",
                         target.name, result.requestsPerSecond, result.p50 * 1000, result.p99 * 1000, cpuPerRequest * 1e6, result.requests,
                         result.errors, result.non2xx, target.rate, target.p99.map { String(format: ", p99 ≤ %.0f ms", $0) } ?? "",
                         meets ? "met" : "missed"))
        }
        print("  (list: GET \(list); segment: GET of the first 2-s HLS segment, \(segment.bytes) bytes)")
    }

    /// One real sample made from a generated 10-s tone; returns its first HLS segment.
    private func realSample(in library: Library, folder: URL) async throws -> SampleFile {
        let tone = folder.appendingPathComponent("tone.m4a").path
        let status = try Subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                                         "aevalsrc=0.3*sin(2*PI*220*t)|0.3*sin(2*PI*330*t):s=44100:d=10", "-c:a", "aac", tone])
        guard status == 0 else { throw ValidationError("ffmpeg could not make the tone (is ffmpeg on PATH?)") }
        let outcome = try await library.samples.submit(tone)
        try await JobRunner(library: library).run(workers: 1) { (try? await library.jobs.hasPending()) == false }
        guard let segment = try await library.samples.sample(outcome.sample.id).files?.hlsFirstSegment else {
            throw ValidationError("the tone did not become a sample with HLS segments")
        }
        return segment
    }
}
