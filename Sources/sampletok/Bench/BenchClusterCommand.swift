import Analysis
import ArgumentParser
import Engine
import Foundation

/// `sampletok bench cluster`: jobs per minute with 1, 2, 3… nodes sharing one PostgreSQL queue.
struct BenchClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Jobs per minute with several worker processes (nodes) sharing one PostgreSQL job queue.",
        discussion: """
            Needs DATABASE_URL: a PostgreSQL server where it may create and drop databases (it makes \
            one per run, named sampletok_bench_…), and psql and ffmpeg on PATH. For each node count it \
            queues --jobs imports of generated tones in a new database, starts that many \
            `sampletok worker --exit-when-idle` processes (each with its own blob folder and --workers \
            workers), and times them until the queue is empty. On one machine the nodes share its \
            cores: the figure says how the queue scales, not what more machines would give.
            """)

    @Option(help: "Jobs per run.") var jobs = 30
    @Option(help: "Node counts to measure, comma-separated.") var nodes = "1,3"
    @Option(help: "Workers per node.") var workers = 1
    @Option(help: "Seconds of audio per job.") var seconds = 5.0
    @Option(help: "Folder for the runs (replaced).")
    var work: String = FileManager.default.temporaryDirectory.appendingPathComponent("sampletok-bench-cluster").path

    func validate() throws {
        guard (1...10_000).contains(jobs) else { throw ValidationError("--jobs must be 1–10000.") }
        guard (1...64).contains(workers) else { throw ValidationError("--workers must be 1–64.") }
        guard seconds > 0, seconds <= 600 else { throw ValidationError("--seconds must be more than 0 and at most 600.") }
        guard !nodeCounts.isEmpty, nodeCounts.allSatisfy({ (1...32).contains($0) }) else {
            throw ValidationError("--nodes is a list of node counts 1–32, such as 1,3.")
        }
    }

    private var nodeCounts: [Int] { nodes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func run() async throws {
        guard let server = ProcessInfo.processInfo.environment["DATABASE_URL"], !server.isEmpty else {
            throw ValidationError("bench cluster needs DATABASE_URL: a PostgreSQL server where it may create databases.")
        }
        let root = URL(fileURLWithPath: work)
        try? FileManager.default.removeItem(at: root)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        // One tone per job, each its own pitch: a library takes the same file (by content) once.
        var tones: [String] = []
        for index in 0..<jobs {
            let tone = root.appendingPathComponent("tone-\(index).wav").path
            let made = try Subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                                           "aevalsrc=0.3*sin(2*PI*\(200 + index)*t)|0.3*sin(2*PI*\(300 + index)*t):s=44100:d=\(seconds)",
                                           "-c:a", "pcm_s16le", tone])
            guard made == 0 else { throw ValidationError("ffmpeg could not make a tone (is ffmpeg on PATH?)") }
            tones.append(tone)
        }
        print("bench cluster: \(jobs) jobs of \(seconds) s of audio, \(workers) worker(s) per node, \(ProcessInfo.processInfo.activeProcessorCount) cores")
        for count in nodeCounts {
            let elapsed = try await measure(nodes: count, server: server, tones: tones, root: root.appendingPathComponent("\(count)-nodes"))
            print(String(format: "%2d node(s): %d jobs in %.1f s = %.1f jobs/min", count, jobs, elapsed, Double(jobs) / elapsed * 60))
        }
    }

    /// Queues the jobs in a new database, runs `nodes` worker processes until the queue is empty; the seconds they took.
    private func measure(nodes: Int, server: String, tones: [String], root: URL) async throws -> Double {
        let bench = try BenchDatabase(server: server, label: "cluster\(nodes)")
        defer { bench.drop() }
        let database = bench.url

        var engine = EngineConfiguration()
        engine.databaseURL = database
        engine.home = root.appendingPathComponent("submit")
        let library = try await Library.open(engine)
        for tone in tones { _ = try await library.samples.submit(tone) }
        await library.close()

        guard let executable = Bundle.main.executableURL else { throw ValidationError("cannot find this program's path") }
        let started = ProcessClock.wall()
        let processes = try (0..<nodes).map { index -> Process in
            let process = Process()
            process.executableURL = executable
            process.arguments = ["worker", "--exit-when-idle", "--workers", "\(workers)"]
            var environment = ProcessInfo.processInfo.environment
            environment["DATABASE_URL"] = database
            environment["SAMPLETOK_HOME"] = root.appendingPathComponent("node\(index)").path
            process.environment = environment
            process.standardInput = FileHandle.nullDevice
            try process.run()
            return process
        }
        while processes.contains(where: \.isRunning) { try await Task.sleep(for: .milliseconds(20)) }
        let elapsed = ProcessClock.wall() - started
        if let failed = processes.first(where: { $0.terminationStatus != 0 }) {
            throw ValidationError("a worker exited with status \(failed.terminationStatus)")
        }
        let done = try bench.value("SELECT count(*) FROM samples WHERE status = 'completed'")
        guard Int(done) == jobs else { throw ValidationError("only \(done) of \(jobs) samples were completed") }
        return elapsed
    }
}
