import Foundation
import Net
import Testing
import TestSupport

/// `kill -9` of the built binary's `--serve` in the middle of its work (issue 19, point 6): a
/// sample job, a stem job (local provider and LALAL.AI's fake), a collection item and an
/// Instagram mention's reply. Each kill lands on a progress marker (the job's step in the
/// database, or the request a fake received), never on a timer. After a restart: every job
/// ends (none stuck), each charge and refund is in the ledger once, no reply is posted twice,
/// no blob belongs to nothing and no work file is left.
@Suite("kill -9 of --serve: after a restart everything ends once", .serialized, .timeLimit(.minutes(5)))
struct ServeKillTests {
    /// A served library (ada with `credits`), its database read beside the server with the
    /// sqlite3 CLI (WAL readers do not disturb it), and the server killed and started again.
    final class Rig: @unchecked Sendable {
        let fixture: ServeFixture
        var environment: [String: String]
        private(set) var server: ServeProcess?
        var home: String { fixture.scratch.path("home") }
        var database: String { "\(home)/library.sqlite" }

        init(credits: Int = 10, environment extra: [String: String] = [:]) throws {
            fixture = try ServeFixture()
            environment = fixture.environment.merging(extra) { $1 }
            if credits > 3 {
                let added = try Command.run(Binary.path, ["admin", "add-credits", "ada", String(credits - 3)], environment: environment)
                guard added.status == 0 else { throw CommandFailure(description: "add-credits: \(added.stderr)") }
            }
            // A 20-s tone: long enough that its processing spans several polls of the database.
            try Fixtures.audio(fixture.scratch.path("served/long.wav"), expression: "0.3*sin(2*PI*330*t)+0.2*sin(2*PI*2*t)",
                               rate: 44100, seconds: 20, codecArguments: ["-c:a", "pcm_s16le"])
            try start()
        }

        func start() throws {
            server = try ServeProcess(environment: environment)
        }

        func url(_ path: String) throws -> String { try #require(server).url(path) }

        /// SIGKILL, and wait until the process is gone.
        func kill9() throws {
            let process = try #require(server).process
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "the server had ended before the kill")
            server = nil
        }

        /// `query`'s answer (rows on lines, columns split by `|`).
        func sql(_ query: String) throws -> String {
            let result = try Command.run("sqlite3", [database, query])
            guard result.status == 0 else { throw CommandFailure(description: "sqlite3 \(query): \(result.stderr)") }
            return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// Polls `query` (bounded, 180 s) until `done` holds for its answer; that answer.
        @discardableResult
        func poll(_ query: String, _ what: String, until done: (String) -> Bool) throws -> String {
            let deadline = Date().addingTimeInterval(180)
            var answer = try sql(query)
            while !done(answer) {
                guard Date() < deadline else { throw CommandFailure(description: "never \(what): \(query) answered '\(answer)'") }
                usleep(10_000)
                answer = try sql(query)
            }
            return answer
        }

        /// Polls (bounded, 180 s) until `done` says so.
        func poll(_ what: String, until done: () async throws -> Bool) async throws {
            let deadline = Date().addingTimeInterval(180)
            while try await !done() {
                guard Date() < deadline else { throw CommandFailure(description: "never \(what)") }
                try await Task.sleep(for: .milliseconds(20))
            }
        }

        /// The step of the running job of `kind` (whose source contains `source`), polled until
        /// it is one of `steps`: the marker a kill lands on.
        func awaitRunning(_ kind: String, in steps: Set<String>, source: String = "") throws {
            try poll("SELECT step FROM jobs WHERE kind = '\(kind)' AND status = 'running' AND instr(source, '\(source)') > 0",
                      "a \(kind) job at \(steps)") { steps.contains($0) }
        }

        /// Every job ended, done or failed (none queued, running or waiting for a retry).
        func awaitJobsEnded() throws {
            try poll("SELECT count(*) FROM jobs WHERE status NOT IN ('done', 'failed')", "every job ended") { $0 == "0" }
        }

        func post(_ path: String, json: String) async throws -> (Int, [String: Any]) {
            let response = try await fixture.http.send(.postJSON(try url(path), Data(json.utf8), headers: fixture.auth))
            return (response.status, (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:])
        }

        /// ada's ledger, oldest first: `reason|delta` lines.
        func ledger() throws -> [String] {
            try sql("SELECT reason || '|' || delta FROM credit_ledger ORDER BY created_at, rowid").split(separator: "\n").map(String.init)
        }

        /// What must hold after any crash once the jobs have ended: no charge or refund twice for
        /// one reference, the ledger sums to the balance, every blob folder belongs to a sample
        /// or a completed stem, and no work or staging file is left.
        func checkNothingTwiceNothingOrphaned() throws {
            let twice = try sql("""
                SELECT reason, hex(reference), count(*) FROM credit_ledger WHERE reference IS NOT NULL \
                GROUP BY reason, reference HAVING count(*) > 1
                """)
            #expect(twice.isEmpty, "charged or refunded twice: \(twice)")
            let sums = try sql("SELECT (SELECT sum(delta) FROM credit_ledger) = (SELECT sum(credits) FROM users)")
            #expect(sums == "1", "the ledger does not sum to the balances")
            let samples = Set(try sql("SELECT lower(id) FROM samples").split(separator: "\n").map(String.init))
            let stems = Set(try sql("SELECT lower(id) FROM stems WHERE status = 'completed'").split(separator: "\n").map(String.init))
            let blobs = "\(home)/blobs/samples"
            for folder in (try? FileManager.default.contentsOfDirectory(atPath: blobs)) ?? [] {
                #expect(samples.contains(folder), "a blob folder of no sample: \(folder)")
                for stem in (try? FileManager.default.contentsOfDirectory(atPath: "\(blobs)/\(folder)/stems")) ?? [] {
                    #expect(stems.contains(stem), "a blob folder of no completed stem: \(stem)")
                }
            }
            for sub in ["tmp/jobs", "tmp/staging"] {
                let left = (try? FileManager.default.contentsOfDirectory(atPath: "\(home)/\(sub)")) ?? []
                #expect(left.isEmpty, "left in \(sub): \(left)")
            }
        }

        /// A completed sample of the 20-s tone (submitted and waited for).
        func completedSample() async throws -> String {
            let id = try await fixture.submit(fixture.media.url("/files/long.wav"), to: try #require(server))
            try poll("SELECT status FROM samples", "the sample completed") { $0 == "completed" }
            return id
        }
    }

    @Test("a sample job killed during its download and again while it encodes completes once, with all its files")
    func sampleJob() async throws {
        let rig = try Rig()
        // The first request of /stall sends half the file and then nothing: the download is at work.
        let id = try await rig.fixture.submit(rig.fixture.media.url("/stall/long.wav"), to: try #require(rig.server))
        try rig.awaitRunning("sample", in: ["download"], source: "/stall/")
        try rig.kill9()
        try rig.start()
        try rig.awaitRunning("sample", in: ["process", "store"])
        try rig.kill9()
        try rig.start()
        try rig.awaitJobsEnded()
        #expect(try rig.sql("SELECT status FROM samples") == "completed")
        #expect(try rig.sql("SELECT count(*) FROM samples") == "1")
        var read = HTTPRequest.get(try rig.url("/api/v1/samples/\(id)"))
        read.headers = rig.fixture.auth
        let (status, sample) = try await rig.fixture.http.send(read).json()
        #expect(status == 200 && sample["status"] as? String == "completed")
        #expect(try rig.ledger() == ["account.open|3", "admin.grant|7"], "submitting costs nothing, before or after a crash")
        try rig.checkNothingTwiceNothingOrphaned()
    }

    @Test("a local stem job killed while it separates or encodes completes once after a restart: charged once, not refunded")
    func localStemJob() async throws {
        let rig = try Rig()
        let id = try await rig.completedSample()
        let (accepted, job) = try await rig.post("/api/v1/samples/\(id)/separate-stems", json: #"{"stems": ["drum", "bass"]}"#)
        #expect(accepted == 202, "\(job)")
        try rig.awaitRunning("stems", in: ["process"])
        try rig.kill9()
        try rig.start()
        try rig.awaitJobsEnded()
        #expect(try rig.sql("SELECT status FROM stem_jobs") == "completed")
        #expect(try rig.sql("SELECT group_concat(status) FROM stems") == "completed,completed")
        #expect(try rig.ledger() == ["account.open|3", "admin.grant|7", "stems.charge|-4"])
        try rig.checkNothingTwiceNothingOrphaned()
    }

    /// What LALAL.AI's fake does after the restart.
    enum AfterRestart: String, CaseIterable, Sendable { case finishes, outOfMinutes }

    @Test("a LALAL.AI stem job killed while LALAL.AI works on it: after a restart it completes (charged once), or, when LALAL.AI then refuses for want of minutes, fails at once and is refunded once",
          arguments: AfterRestart.allCases)
    func lalalStemJob(_ after: AfterRestart) async throws {
        let scratch = Scratch("fake-lalal")
        let track = scratch.path("track.wav")
        try Fixtures.audio(track, expression: "0.3*sin(2*PI*220*t)", rate: 48000, seconds: 20, codecArguments: ["-c:a", "pcm_s16le", "-ac", "2"])
        let script = FixtureServer.script(named: "fake_lalal.py")
        let lalal = try FixtureServer(script: script, arguments: [track])
        let http = HTTPClient()
        func calls() async throws -> [String] {
            let response = try await http.send(.get(lalal.url("/_calls")))
            return ((try JSONSerialization.jsonObject(with: response.body)) as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        }
        func tell(_ json: String) async throws {
            _ = try await http.send(.postJSON(lalal.url("/_script"), Data(json.utf8)))
        }
        try await tell(#"{"hold": true}"#)
        let rig = try Rig(environment: ["LALAL_API_KEY": "test-license-key", "LALAL_API_BASE_URL": lalal.url("/api/v1/")])
        let id = try await rig.completedSample()
        let (accepted, job) = try await rig.post("/api/v1/samples/\(id)/separate-stems", json: #"{"stems": ["vocal"], "provider": "lalal"}"#)
        #expect(accepted == 202, "\(job)")
        // The marker: LALAL.AI has the task and has been checked on (progress 42, held there).
        try await rig.poll("LALAL.AI checked on") { try await calls().contains("/api/v1/check/") }
        try rig.kill9()
        try await tell(after == .finishes ? #"{"hold": false}"# : #"{"hold": false, "split": "quota"}"#)
        try rig.start()
        try rig.awaitJobsEnded()
        switch after {
        case .finishes:
            #expect(try rig.sql("SELECT status FROM stem_jobs") == "completed")
            #expect(try rig.ledger() == ["account.open|3", "admin.grant|7", "stems.charge|-2"])
        case .outOfMinutes:
            #expect(try rig.sql("SELECT status || '|' || error_code FROM stem_jobs") == "failed|stems.provider_quota")
            #expect(try rig.ledger() == ["account.open|3", "admin.grant|7", "stems.charge|-2", "stems.refund|2"])
        }
        let seen = try await calls()
        #expect(seen.filter { $0 == "/api/v1/upload/" }.count == 2, "uploaded once before the kill and once after: \(seen)")
        #expect(seen.contains("/api/v1/split/stem_separator/"))
        try rig.checkNothingTwiceNothingOrphaned()
    }

    @Test("a collection killed while an item downloads: after a restart the good item completes and the missing one is refunded, each once")
    func collectionItem() async throws {
        let rig = try Rig()
        let urls = [rig.fixture.media.url("/stall/long.wav"), rig.fixture.media.url("/missing")]
        let body = String(decoding: try JSONSerialization.data(withJSONObject: ["urls": urls]), as: UTF8.self)
        let (created, collection) = try await rig.post("/api/v1/collections", json: body)
        #expect(created == 201 || created == 202, "\(collection)")
        try rig.awaitRunning("sample", in: ["download"], source: "/stall/")
        try rig.kill9()
        try rig.start()
        try rig.awaitJobsEnded()
        try rig.poll("SELECT group_concat(status, ',') FROM (SELECT status FROM collection_items ORDER BY position)",
                      "the items ended") { $0 == "completed,failed" }
        #expect(try rig.ledger() == ["account.open|3", "admin.grant|7", "collection.charge|-2", "collection.refund|1"])
        #expect(try rig.sql("SELECT credits_charged || '|' || credits_refunded FROM collections") == "2|1")
        try rig.checkNothingTwiceNothingOrphaned()
    }

    @Test("an Instagram mention whose server is killed after the Graph API received its reply is not replied to twice: the engagement completes as reply_unconfirmed")
    func mentionReply() async throws {
        let scratch = Scratch("fake-graph")
        let served = scratch.path("served")
        try FileManager.default.createDirectory(atPath: served, withIntermediateDirectories: true)
        try Fixtures.audio("\(served)/tone.wav", expression: "0.3*sin(2*PI*440*t)", rate: 44100, seconds: 1,
                           codecArguments: ["-c:a", "pcm_s16le"])
        let script = FixtureServer.script(named: "graph_api.py")
        let graph = try FixtureServer(script: script, arguments: [served])
        let http = HTTPClient()
        func replies() async throws -> Int {
            let response = try await http.send(.get(graph.url("/_calls")))
            let calls = (try JSONSerialization.jsonObject(with: response.body)) as? [[String: Any]] ?? []
            return calls.filter { $0["method"] as? String == "POST" && ($0["path"] as? String ?? "").hasSuffix("/mentions") }.count
        }
        _ = try await http.send(.postJSON(graph.url("/_hold_replies"), Data(#"{"hold": true}"#.utf8)))
        let secret = "app-secret-for-tests"
        let rig = try Rig(environment: [
            "INSTAGRAM_WEBHOOK_VERIFY_TOKEN": "verify-me", "INSTAGRAM_APP_SECRET": secret, "INSTAGRAM_ACCESS_TOKEN": "good-token",
            "PUBLIC_BASE_URL": "https://samples.example.com", "GRAPH_API_BASE_URL": graph.url("/v25.0"),
        ])
        let delivery = #"{"object": "instagram", "entry": [{"id": "17841405726653026", "time": 1520622968, "changes": [{"field": "mentions", "value": {"media_id": "17918195224117851", "comment_id": "17894227972186120"}}]}]}"#
        let signature = try Self.sign(delivery, secret: secret)
        let posted = try await http.send(HTTPRequest(url: try rig.url("/api/v1/webhooks/instagram"), method: .post,
                                                     headers: ["Content-Type": "application/json", "X-Hub-Signature-256": signature],
                                                     body: Data(delivery.utf8)))
        #expect(posted.status == 200, "\(posted.text)")
        // The marker: the Graph API has the reply (the fake holds its answer back).
        try await rig.poll("the reply reached the Graph API") { try await replies() == 1 }
        try rig.kill9()
        _ = try await http.send(.postJSON(graph.url("/_hold_replies"), Data(#"{"hold": false}"#.utf8)))
        try rig.start()
        try rig.awaitJobsEnded()
        #expect(try rig.sql("SELECT status || '|' || coalesce(error_code, '') FROM instagram_engagements")
                == "completed|instagram.reply_unconfirmed")
        #expect(try await replies() == 1, "the reply was posted again after the restart")
        try rig.checkNothingTwiceNothingOrphaned()
    }

    /// `sha256=<hex HMAC-SHA256(secret, body)>`, as Meta signs a delivery.
    static func sign(_ body: String, secret: String) throws -> String {
        let script = "import hashlib, hmac, sys; print('sha256=' + hmac.new(sys.argv[1].encode(), sys.argv[2].encode(), hashlib.sha256).hexdigest())"
        let result = try Command.run("python3", ["-c", script, secret, body])
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

private extension HTTPResponse {
    /// The status and the JSON object of the body.
    func json() -> (Int, [String: Any]) {
        (status, (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:])
    }
}
