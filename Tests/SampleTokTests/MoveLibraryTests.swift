import Foundation
import Net
import Testing
import TestSupport

/// `sampletok admin move-library` with the built binary: a local library (imported WAVs, a user
/// with ledger entries) into a fresh PostgreSQL database and a moto bucket, killed mid-move and
/// run again; then `--serve` on that database and bucket serves the same samples and files.
@Suite("admin move-library into PostgreSQL + S3, end to end", .enabled(if: TestPostgres.runs && TestS3.runs), .timeLimit(.minutes(5)))
struct MoveLibraryTests {
    @Test("a move killed mid-way and run again copies every row and blob once; a server on the target lists the samples and serves their files")
    func moveKillResume() async throws {
        let f = try ServeFixture()
        let media = f.scratch.path("import")
        try FileManager.default.createDirectory(atPath: media, withIntermediateDirectories: true)
        for i in 0..<6 {
            try Fixtures.audio("\(media)/tone-\(i).wav", expression: "0.3*sin(2*PI*\(220 + 55 * i)*t)", rate: 44100, seconds: 8,
                               codecArguments: ["-c:a", "pcm_s16le"])
        }
        let local = f.environment
        #expect(try Command.run(Binary.path, ["import", media, "--workers", "2"], environment: local).status == 0)
        #expect(try Command.run(Binary.path, ["admin", "add-credits", "ada", "7"], environment: local).status == 0)
        let listed = try Command.run(Binary.path, ["list", "--json", "--limit", "100"], environment: local)
        let localItems = (try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])?["items"] as? [[String: Any]] ?? []
        let localIDs = Set(localItems.compactMap { ($0["id"] as? String)?.lowercased() })
        #expect(localIDs.count == 6)

        let database = try TestPostgres.freshDatabase()
        let bucket = TestS3.freshBucketName()
        let created = try await f.http.send(HTTPRequest(url: "\(try TestS3.requireURL())/\(bucket)", method: .put))
        #expect(created.status == 200)
        var moving = local
        for (name, value) in try TestS3.environment(bucket: bucket) where name != "STORAGE_TYPE" && name != "S3_BUCKET_NAME" {
            moving[name] = value
        }
        let arguments = ["admin", "move-library", "--to-database", database, "--to-storage", "s3://\(bucket)", "--json"]

        // Killed once the upload of the blobs is under way (progress goes to standard error, a line per tenth).
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = arguments
        process.environment = moving
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var seen = ""
        while process.isRunning {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
            let started = seen.split(separator: "\n").contains { line in
                let parts = line.split(separator: " ")
                guard parts.count == 2, parts[0] == "blobs" else { return false }
                let counts = parts[1].split(separator: "/").compactMap { Int($0) }
                return counts.count == 2 && counts[0] > 0 && counts[0] < counts[1]
            }
            if started {
                kill(process.processIdentifier, SIGKILL)
                break
            }
        }
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the move ended before the kill: \(seen)")

        let finished = try Command.run(Binary.path, arguments, environment: moving)
        #expect(finished.status == 0, "\(finished.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(finished.stdout.utf8)) as? [String: Any])
        let blobs = summary["blobs"] as? Int ?? 0
        let copied = summary["blobsCopied"] as? Int ?? -1
        #expect(blobs >= 6 * 7)
        #expect(copied > 0 && copied < blobs, "the second run uploads only what the first did not: \(summary)")

        // Run again: nothing left to copy.
        let again = try Command.run(Binary.path, arguments, environment: moving)
        #expect(again.status == 0, "\(again.stderr)")
        let second = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any]
        #expect(second?["blobsCopied"] as? Int == 0)
        let tables = second?["tables"] as? [[String: Any]] ?? []
        #expect(tables.allSatisfy { $0["copied"] as? Int == 0 }, "\(tables)")
        #expect(tables.first { $0["name"] as? String == "samples" }?["rows"] as? Int == 6)

        // Another library into the same target is refused.
        let other = f.scratch.path("other-home")
        var otherEnvironment = moving
        otherEnvironment["SAMPLETOK_HOME"] = other
        #expect(try Command.run(Binary.path, ["admin", "create-user", "bob"], environment: otherEnvironment).status == 0)
        let refused = try Command.run(Binary.path, arguments, environment: otherEnvironment)
        #expect(refused.status != 0 && refused.stderr.contains("move.target_not_empty"), "\(refused.stderr)")

        // Exactly once in the target, and the ledger still sums to the balance.
        let psql = try #require(EndToEnd.executable("psql"))
        let counts = try Command.run(psql, [database, "-Atc", """
            SELECT (SELECT count(*) FROM samples) || ' ' || (SELECT count(DISTINCT canonical_url) FROM samples) || ' ' || \
            (SELECT count(*) FROM credit_ledger) || ' ' || (SELECT sum(delta) FROM credit_ledger) || ' ' || \
            (SELECT credits FROM users WHERE name = 'ada')
            """])
        #expect(counts.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "6 6 2 10 10", "\(counts.stdout)\(counts.stderr)")

        // A server on the target, with an empty library folder of its own.
        var cluster = f.environment
        cluster["SAMPLETOK_HOME"] = f.scratch.path("node-home")
        cluster["DATABASE_URL"] = database
        for (name, value) in try TestS3.environment(bucket: bucket) { cluster[name] = value }
        let server = try ServeProcess(environment: cluster)
        let me = try await f.http.send(HTTPRequest(url: server.url("/api/v1/me"), headers: f.auth))
        #expect(me.status == 200 && me.text.contains("\"credits\":10"), "the token moved with the user: \(me.text)")
        for id in localIDs {
            let sample = try await f.sample(id, from: server)
            #expect(sample["status"] as? String == "completed", "\(id)")
            let files = try #require(sample["files"] as? [String: Any])
            let wavURL = try #require((files["wav"] as? [String: Any])?["url"] as? String)
            let wav = try await f.http.send(.get(wavURL))
            #expect(wav.status == 200 && wav.body.prefix(4) == Data("RIFF".utf8))
            #expect(wav.body.count == (files["wav"] as? [String: Any])?["bytes"] as? Int)
        }
        #expect(server.terminate(within: 30) == 0)
    }
}
