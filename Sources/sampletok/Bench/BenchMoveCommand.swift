import Analysis
import ArgumentParser
import Benchmarks
import Engine
import Foundation
import Model

/// `sampletok bench move`: how long `admin move-library` takes to move a library up into
/// PostgreSQL and a bucket, to run again with nothing left to copy, and to bring it home again.
struct BenchMoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Time moving a library of synthetic samples up into PostgreSQL + a bucket and home again.",
        discussion: """
            Needs DATABASE_URL (a PostgreSQL server where it may create and drop a database, and psql on PATH) \
            and STORAGE_TYPE with the bucket's variables (docs/storage.md). It makes a local library of --samples \
            synthetic rows, each with 8 files (WAV, MP3, an HLS playlist and 3 segments, peaks, picture) of \
            --megabytes-per-sample in all, moves it into a new database and under a new key prefix of the bucket \
            (bench-move-…), moves it again (nothing to copy), then home into a new folder, and prints the \
            times. The database, the objects and the folders are removed after.
            """)

    @Option(help: "Samples in the library.") var samples = 1000
    @Option(help: "Megabytes of files per sample.") var megabytesPerSample = 1.0
    @Option(help: "Files copied at a time.") var parallel = 4
    @Flag(help: "Create the bucket first (a test server such as moto).") var createBucket = false
    @Option(help: "Folder for the libraries (replaced).")
    var work: String = FileManager.default.temporaryDirectory.appendingPathComponent("sampletok-bench-move").path

    func validate() throws {
        guard (1...1_000_000).contains(samples) else { throw ValidationError("--samples must be 1–1000000.") }
        guard megabytesPerSample > 0, megabytesPerSample <= 1024 else { throw ValidationError("--megabytes-per-sample must be more than 0 and at most 1024.") }
        guard (1...64).contains(parallel) else { throw ValidationError("--parallel must be 1–64.") }
    }

    /// A sample's files: name, share of the sample's bytes (nil: a small fixed size), content type.
    private static let files: [(name: String, share: Double?, type: String)] = [
        ("audio.wav", 0.55, "audio/wav"), ("audio.mp3", 0.17, "audio/mpeg"), ("hls/index.m3u8", nil, "application/vnd.apple.mpegurl"),
        ("hls/seg-00000.m4s", 0.08, "video/iso.segment"), ("hls/seg-00001.m4s", 0.08, "video/iso.segment"),
        ("hls/seg-00002.m4s", 0.08, "video/iso.segment"), ("peaks.json", 0.02, "application/json"), ("waveform.png", 0.02, "image/png"),
    ]

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let server = environment["DATABASE_URL"], !server.isEmpty else {
            throw ValidationError("bench move needs DATABASE_URL: a PostgreSQL server where it may create databases.")
        }
        var storage = StorageConfiguration(environment: environment)
        if let problem = storage.problem { throw LibrarySession.fail(problem) }
        guard var endpoint = storage.endpoint else {
            throw LibrarySession.fail(SampleTokError(.configInvalid, "Set STORAGE_TYPE=s3|r2|gcs and the bucket's variables (docs/storage.md)."))
        }
        let folder = "bench-move-\(UUID().uuidString.prefix(8).lowercased())"
        endpoint.prefix = endpoint.prefix.isEmpty ? folder : endpoint.prefix + "/" + folder
        storage.endpoint = endpoint
        let client = S3Client(endpoint: endpoint, accessKey: storage.accessKey, secretKey: storage.secretKey)
        if createBucket { try await client.createBucket() }

        let root = URL(fileURLWithPath: work)
        try? FileManager.default.removeItem(at: root)
        defer { try? FileManager.default.removeItem(at: root) }
        var local = EngineConfiguration()
        local.home = root.appendingPathComponent("library")
        var home = EngineConfiguration()
        home.home = root.appendingPathComponent("home-again")

        let made = ProcessClock.wall()
        let bytes = try await makeLibrary(local, root: root)
        print(String(format: "bench move: %d samples, %d files, %.1f MiB (made in %.1f s), %d at a time, to %@://%@/%@/%@",
                     samples, samples * Self.files.count, Double(bytes) / 1_048_576, ProcessClock.wall() - made, parallel,
                     endpoint.scheme, endpoint.hostHeader, endpoint.bucket, endpoint.prefix))

        let bench = try BenchDatabase(server: server, label: "move")
        defer { bench.drop() }
        do {
            let cluster = LibraryMover.End.cluster(databaseURL: bench.url, storage: storage)
            try await measure("up", LibraryMover(source: .local(local), target: cluster, merge: false))
            try await measure("up again (nothing to copy)", LibraryMover(source: .local(local), target: cluster, merge: false))
            try await measure("home (into a new folder)", LibraryMover(source: cluster, target: .local(home), merge: false))
        } catch {
            try? await removeObjects(client)
            throw error
        }
        try await removeObjects(client)
    }

    /// Runs `mover` and prints what it copied and how fast.
    private func measure(_ label: String, _ mover: LibraryMover) async throws {
        var mover = mover
        mover.parallelTransfers = parallel
        let summary = try await mover.run { _ in }
        let rows = summary.tables.reduce(0) { $0 + $1.rows }
        let copied = summary.tables.reduce(0) { $0 + $1.copied }
        print(String(format: "  %@ %6.1f s: %d of %d files (%.1f MiB, %.1f MiB/s), %d of %d rows",
                     label.padding(toLength: 28, withPad: " ", startingAt: 0), summary.seconds,
                     summary.blobsCopied, summary.blobs, Double(summary.bytesCopied) / 1_048_576,
                     Double(summary.bytesCopied) / 1_048_576 / max(summary.seconds, 0.001), copied, rows))
    }

    /// A library of `samples` synthetic rows and their files; returns the bytes of the files.
    private func makeLibrary(_ configuration: EngineConfiguration, root: URL) async throws -> Int {
        // A local library: not the DATABASE_URL and STORAGE_TYPE the benchmark moves it into.
        var local = configuration
        local.databaseURL = nil
        local.storage = .local
        let library = try await Library.open(local)
        do {
            try await LibraryBenchmark.insertSynthetic(samples, into: library)
            await library.close()
        } catch {
            await library.close()
            throw error
        }
        let store = try LocalBlobStore(root: configuration.blobsFolder, staging: configuration.temporaryFolder.appendingPathComponent("staging"))
        let perSample = megabytesPerSample * 1_048_576
        var generator = SystemRandomNumberGenerator()
        var templates: [URL] = []
        var bytes = 0
        for (index, file) in Self.files.enumerated() {
            let size = file.share.map { max(1, Int(perSample * $0)) } ?? 300
            let url = root.appendingPathComponent("template-\(index)")
            try Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: url)
            templates.append(url)
            bytes += size
        }
        for _ in 0..<samples {
            let folder = BlobKey.sampleFolder(UUID()).description
            for (index, file) in Self.files.enumerated() {
                _ = try await store.put(file: templates[index], key: try BlobKey(folder + "/" + file.name), contentType: file.type)
            }
        }
        return bytes * samples
    }

    /// Removes every object under the benchmark's prefix.
    private func removeObjects(_ client: S3Client) async throws {
        for object in try await client.list(prefix: "") { try await client.delete(object.key) }
    }
}
