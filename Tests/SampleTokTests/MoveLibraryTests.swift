import Foundation
import Net
import Testing
import TestSupport

/// `sampletok admin move-library` with the built binary: a local library (imported WAVs, a user
/// with ledger entries) into a fresh PostgreSQL database and a moto bucket, killed mid-move and
/// run again; then `--serve` on that database and bucket serves the same samples and files. And
/// back: a library moved up under a key prefix and home again into a new folder is the same.
@Suite("admin move-library between a local library and PostgreSQL + S3, end to end", .enabled(if: TestPostgres.runs && TestS3.runs), .timeLimit(.minutes(5)))
struct MoveLibraryTests {
    /// Imports `tones` generated tones of `seconds` into the library of `f` and gives ada `credits` more.
    func makeLibrary(_ f: ServeFixture, tones: Int, seconds: Double, credits: Int) throws {
        let media = f.scratch.path("import")
        try FileManager.default.createDirectory(atPath: media, withIntermediateDirectories: true)
        for i in 0..<tones {
            try Fixtures.audio("\(media)/tone-\(i).wav", expression: "0.3*sin(2*PI*\(220 + 55 * i)*t)", rate: 44100, seconds: seconds,
                               codecArguments: ["-c:a", "pcm_s16le"])
        }
        #expect(try Command.run(Binary.path, ["import", media, "--workers", "2"], environment: f.environment).status == 0)
        #expect(try Command.run(Binary.path, ["admin", "add-credits", "ada", String(credits)], environment: f.environment).status == 0)
    }

    /// A new bucket on the test server, and `environment` with the server's keys and endpoint
    /// (not STORAGE_TYPE nor the bucket's name: the command's storage URL names them).
    func newBucket(_ f: ServeFixture, keysOver environment: [String: String]) async throws -> (String, [String: String]) {
        let bucket = TestS3.freshBucketName()
        let created = try await f.http.send(HTTPRequest(url: "\(try TestS3.requireURL())/\(bucket)", method: .put))
        #expect(created.status == 200)
        var keys = environment
        for (name, value) in try TestS3.environment(bucket: bucket) where name != "STORAGE_TYPE" && name != "S3_BUCKET_NAME" {
            keys[name] = value
        }
        return (bucket, keys)
    }

    @Test("a move killed mid-way and run again copies every row and blob once; a server on the target lists the samples and serves their files")
    func moveKillResume() async throws {
        let f = try ServeFixture()
        let local = f.environment
        try makeLibrary(f, tones: 6, seconds: 8, credits: 7)
        let listed = try Command.run(Binary.path, ["list", "--json", "--limit", "100"], environment: local)
        let localItems = (try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])?["items"] as? [[String: Any]] ?? []
        let localIDs = Set(localItems.compactMap { ($0["id"] as? String)?.lowercased() })
        #expect(localIDs.count == 6)

        let database = try TestPostgres.freshDatabase()
        let (bucket, moving) = try await newBucket(f, keysOver: local)
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
        // The sound descriptors moved with the rows (bytes: a BLOB here, bytea there).
        if let id = localIDs.first {
            let similar = try await f.http.send(HTTPRequest(url: server.url("/api/v1/samples/\(id)/similar"), headers: f.auth))
            #expect(similar.status == 200 && similar.text.contains("\"similarity\""), "\(similar.text)")
        }
        #expect(server.terminate(within: 30) == 0)
    }

    @Test("up under a key prefix and home again: the new local library has the same rows and files; a second run copies nothing; a foreign target, no bucket and a bad bucket are refused")
    func roundTrip() async throws {
        let f = try ServeFixture()
        let local = f.environment
        try makeLibrary(f, tones: 3, seconds: 4, credits: 4)

        let database = try TestPostgres.freshDatabase()
        let server = try TestS3.requireURL()
        let (bucket, keys) = try await newBucket(f, keysOver: local)
        let storage = "s3://\(bucket)/crew/lib"
        let up = try Command.run(Binary.path, ["admin", "move-library", "--to-database", database, "--to-storage", storage, "--json"],
                                 environment: keys)
        #expect(up.status == 0, "\(up.stderr)")
        let listing = try await f.http.send(.get("\(server)/\(bucket)?list-type=2&max-keys=1000")).text
        let objects = listing.components(separatedBy: "<Key>").dropFirst().compactMap { $0.components(separatedBy: "</Key>").first }
        #expect(objects.count >= 3 * 7)
        #expect(objects.allSatisfy { $0.hasPrefix("crew/lib/samples/") }, "every object under the prefix: \(objects.prefix(3))")

        let home = f.scratch.path("home-again")
        let arguments = ["admin", "move-library", "--from-database", database, "--from-storage", storage, "--home", home, "--json"]
        let down = try Command.run(Binary.path, arguments, environment: keys)
        #expect(down.status == 0, "\(down.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(down.stdout.utf8)) as? [String: Any]
        #expect(summary?["blobs"] as? Int == objects.count)
        #expect(summary?["blobsCopied"] as? Int == objects.count)

        // The same rows, table by table, and the same files (content types included).
        let original = f.scratch.path("home")
        let sqlite = try #require(EndToEnd.executable("sqlite3"))
        let tables = try Command.run(sqlite, ["\(original)/library.sqlite", """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'samples_fts%' \
            AND name NOT LIKE 'sqlite_%' AND name != '_fluent_migrations' ORDER BY name
            """]).stdout.split(separator: "\n").map(String.init)
        #expect(tables.contains("samples") && tables.contains("credit_ledger") && tables.contains("users"), "\(tables)")
        for table in tables {
            func rows(_ folder: String) throws -> [String] {
                let result = try Command.run(sqlite, ["-json", "\(folder)/library.sqlite", "SELECT * FROM \"\(table)\""])
                let objects = try JSONSerialization.jsonObject(with: Data((result.stdout.isEmpty ? "[]" : result.stdout).utf8)) as? [[String: Any]] ?? []
                return try objects.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: .sortedKeys), as: UTF8.self) }.sorted()
            }
            let before = try rows(original)
            let after = try rows(home)
            #expect(before == after, "\(table): \(before.count) row(s) here, \(after.count) after the round trip")
        }
        let files = try FileManager.default.subpathsOfDirectory(atPath: "\(original)/blobs").sorted()
        #expect(try FileManager.default.subpathsOfDirectory(atPath: "\(home)/blobs").sorted() == files)
        for file in files {
            var folder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: "\(original)/blobs/\(file)", isDirectory: &folder), !folder.boolValue else { continue }
            #expect(FileManager.default.contents(atPath: "\(original)/blobs/\(file)") == FileManager.default.contents(atPath: "\(home)/blobs/\(file)"),
                    "\(file)")
        }
        var moved = local
        moved["SAMPLETOK_HOME"] = home
        let listed = try Command.run(Binary.path, ["list", "--json"], environment: moved)
        let items = (try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])?["items"] as? [[String: Any]] ?? []
        #expect(items.count == 3 && items.allSatisfy { $0["status"] as? String == "completed" }, "\(listed.stdout)\(listed.stderr)")

        // Again: nothing to copy.
        let again = try Command.run(Binary.path, arguments, environment: keys)
        #expect(again.status == 0, "\(again.stderr)")
        let second = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any]
        #expect(second?["blobsCopied"] as? Int == 0)
        #expect((second?["tables"] as? [[String: Any]] ?? []).allSatisfy { $0["copied"] as? Int == 0 })

        // Home into another library: refused unless --merge.
        let other = f.scratch.path("other-home")
        var otherEnvironment = keys
        otherEnvironment["SAMPLETOK_HOME"] = other
        #expect(try Command.run(Binary.path, ["admin", "create-user", "bob"], environment: otherEnvironment).status == 0)
        let refused = try Command.run(Binary.path, ["admin", "move-library", "--from-database", database, "--from-storage", storage],
                                      environment: otherEnvironment)
        #expect(refused.status != 0 && refused.stderr.contains("move.target_not_empty"), "\(refused.stderr)")
        // No bucket named, and a bucket that cannot be one.
        var noBucket = keys
        noBucket.removeValue(forKey: "STORAGE_TYPE")
        let unnamed = try Command.run(Binary.path, ["admin", "move-library", "--from-database", database, "--home", f.scratch.path("h3")],
                                      environment: noBucket)
        #expect(unnamed.status != 0 && unnamed.stderr.contains("move.needs_bucket"), "\(unnamed.stderr)")
        let bad = try Command.run(Binary.path, ["admin", "move-library", "--from-database", database, "--from-storage", "s3://\(bucket)/a//b",
                                                "--home", f.scratch.path("h4")], environment: keys)
        #expect(bad.status != 0 && bad.stderr.contains("config.invalid") && bad.stderr.contains("key prefix"), "\(bad.stderr)")
    }
}
