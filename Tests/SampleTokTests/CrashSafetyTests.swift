import Foundation
import Testing
import TestSupport

@Suite("crash safety: killing the importer at any moment loses nothing")
struct CrashSafetyTests {
    /// The state of the jobs (each one's status, step and progress), read beside the importer with the
    /// sqlite3 CLI: it changes whenever the importer makes progress. Empty before the library exists.
    static func progressMarker(_ database: String) -> String {
        guard FileManager.default.fileExists(atPath: database),
              let read = try? Command.run("sqlite3", [database, "SELECT group_concat(status || ':' || coalesce(step, '') || ':' || progress, ',') FROM jobs"]),
              read.status == 0 else { return "" }
        return read.stdout
    }

    @Test("an import killed at least 20 times, each time after it made progress, ends with every file one completed sample and nothing orphaned")
    func killedImport() throws {
        let scratch = Scratch("crash")
        let media = scratch.path("media")
        try FileManager.default.createDirectory(atPath: media, withIntermediateDirectories: true)
        // The import starts with 30 files. A fast machine can get through them between two reads
        // of the jobs' state before 20 kills have landed; then the next batch of 10 files is added
        // and the killing goes on, so the test holds however fast the machine is.
        var fileCount = 0
        func addFiles(_ count: Int) throws {
            for i in fileCount..<(fileCount + count) {
                try Fixtures.audio("\(media)/tone-\(i).wav", expression: "0.3*sin(2*PI*\(200 + 37 * i)*t)", rate: 22050,
                                   seconds: 1 + Double(i % 3) * 0.5, codecArguments: ["-c:a", "pcm_s16le"])
            }
            fileCount += count
        }
        try addFiles(30)
        let home = scratch.path("home")
        var environment = ProcessInfo.processInfo.environment
        environment["SAMPLETOK_ASSETS"] = scratch.path("no-assets")
        let arguments = ["import", media, "--home", home, "--workers", "2"]

        // Each kill lands on progress, not on a timer: after the jobs' state has changed once or
        // twice (seeded) since the importer started, so every run moves the import on, at any
        // step of any job, however fast or slow the machine is.
        let database = "\(home)/library.sqlite"
        var generator = SeededGenerator(seed: 2026)
        var kills = 0
        var rounds = 0
        while kills < 20 && rounds < 100 {
            rounds += 1
            var marker = Self.progressMarker(database)
            let changes = Int.random(in: 1...2, using: &generator)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Binary.path)
            process.arguments = arguments
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            var seen = 0
            let deadline = Date().addingTimeInterval(60)
            while seen < changes && process.isRunning && Date() < deadline {
                let now = Self.progressMarker(database)
                if now != marker, !now.isEmpty {
                    seen += 1
                    marker = now
                }
            }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { kills += 1 }
            if process.terminationReason == .exit {
                // Every file was imported: more work, so that the next runs have something to be killed in.
                guard fileCount < 80 else { break }
                try addFiles(10)
            }
        }
        #expect(kills >= 20, "only \(kills) kills landed in \(rounds) runs")

        let finish = try Command.run(Binary.path, arguments, environment: environment)
        #expect(finish.status == 0, "\(finish.stderr)")

        let list = try Command.run(Binary.path, ["list", "--home", home, "--json", "--limit", "200"], environment: environment)
        let page = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any]
        let items = page?["items"] as? [[String: Any]] ?? []
        #expect(items.count == fileCount, "every file is exactly one sample")
        #expect(items.allSatisfy { $0["status"] as? String == "completed" })

        let jobs = try Command.run(Binary.path, ["jobs", "--home", home, "--json"], environment: environment)
        let open = try JSONSerialization.jsonObject(with: Data(jobs.stdout.utf8)) as? [Any]
        #expect(open?.isEmpty == true, "no job is left waiting or stuck: \(jobs.stdout)")

        // Every file a sample points at exists; no blob folder belongs to no sample; no temporary file is left.
        let blobs = URL(fileURLWithPath: home).appendingPathComponent("blobs")
        var ids = Set<String>()
        for item in items {
            let id = (item["id"] as? String ?? "").lowercased()
            ids.insert(id)
            let files = item["files"] as? [String: Any] ?? [:]
            var keys = ["wav", "mp3", "hls", "peaks", "waveform"].compactMap { (files[$0] as? [String: Any])?["key"] as? String }
            keys += (files["hls_segments"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
            #expect(keys.count >= 7)
            for key in keys {
                #expect(FileManager.default.fileExists(atPath: blobs.appendingPathComponent(key).path), "missing \(key)")
            }
        }
        let folders = Set((try? FileManager.default.contentsOfDirectory(atPath: blobs.appendingPathComponent("samples").path)) ?? [])
        #expect(folders == ids, "blob folders without a sample: \(folders.subtracting(ids))")
        let temporary = URL(fileURLWithPath: home).appendingPathComponent("tmp")
        for sub in ["jobs", "staging"] {
            let left = (try? FileManager.default.contentsOfDirectory(atPath: temporary.appendingPathComponent(sub).path)) ?? []
            #expect(left.isEmpty, "left in tmp/\(sub): \(left)")
        }
    }
}

/// A small deterministic random generator, so a failing run can be repeated.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state
    }
}
