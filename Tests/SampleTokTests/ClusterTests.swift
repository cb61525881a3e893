import Foundation
import Net
import Testing
import TestSupport

/// Three `sampletok --serve` nodes of the built binary on loopback ports, sharing one PostgreSQL
/// database and one S3 bucket (moto), as a cluster behind a load balancer would. Each node has
/// a folder of its own for its staging files.
final class Cluster: @unchecked Sendable {
    let scratch = Scratch("cluster")
    let media: FixtureServer
    let databaseURL: String
    /// The bucket the nodes share, on the S3 test server.
    let bucket = TestS3.freshBucketName()
    let environment: [String: String]
    let http = HTTPClient()
    /// The nodes; a node killed and started again gets a new entry at its index.
    var nodes: [ServeProcess] = []

    /// Starts `nodes` nodes over a new database, with `files` short tones (`tone0.wav`…) on the media server.
    init(nodes count: Int, files: Int) throws {
        databaseURL = try TestPostgres.freshDatabase()
        let served = scratch.path("served")
        try FileManager.default.createDirectory(atPath: served, withIntermediateDirectories: true)
        for index in 0..<files {
            try Fixtures.audio("\(served)/tone\(index).wav", expression: "0.3*sin(2*PI*\(200 + 10 * index)*t)", rate: 22050,
                               seconds: 0.5, codecArguments: ["-c:a", "pcm_s16le"])
        }
        let script = FixtureServer.script(named: "media_server.py")
        media = try FixtureServer(script: script, arguments: [served])
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = databaseURL
        environment["SAMPLETOK_HOME"] = scratch.path("home")
        for (name, value) in try TestS3.environment(bucket: bucket) { environment[name] = value }
        environment["SAMPLETOK_ASSETS"] = scratch.path("assets")
        environment["SECRET_KEY"] = "cluster-admin-key"
        environment["ALLOW_PRIVATE_URLS"] = "1"
        // A dead node's jobs are taken over 3 s after its last renewal.
        environment["SAMPLETOK_LEASE_SECONDS"] = "3"
        environment["SAMPLETOK_RETRY_BASE_DELAY"] = "0.2"
        environment["SUBMIT_RATE_LIMIT_PER_MINUTE"] = "1000"
        environment["STEM_SEPARATION_RATE_LIMIT_PER_MINUTE"] = "1000"
        // SIGTERM: half a second for running jobs, then their leases are handed back.
        environment["SAMPLETOK_SHUTDOWN_GRACE"] = "1"
        environment.removeValue(forKey: "PUBLIC_BASE_URL")
        self.environment = environment
        for index in 0..<count { nodes.append(try start(index)) }
    }

    /// Makes the bucket (moto takes any keys; an unsigned PUT makes it).
    func makeBucket() async throws {
        let created = try await http.send(HTTPRequest(url: "\(try TestS3.requireURL())/\(bucket)", method: .put))
        guard created.status == 200 else { throw TestS3Error(description: "moto did not make the bucket: \(created.status)") }
    }

    /// Every key in the bucket (ListObjectsV2, page after page).
    func bucketKeys() async throws -> Set<String> {
        var keys: Set<String> = []
        var token: String?
        repeat {
            var url = "\(try TestS3.requireURL())/\(bucket)?list-type=2"
            if let token { url += "&continuation-token=\(token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token)" }
            let page = try await http.send(.get(url)).text
            keys.formUnion(Self.elements("Key", in: page))
            token = page.contains("<IsTruncated>true</IsTruncated>") ? Self.elements("NextContinuationToken", in: page).first : nil
        } while token != nil
        return keys
    }

    /// The texts of the `<name>` elements of an XML document.
    static func elements(_ name: String, in xml: String) -> [String] {
        xml.components(separatedBy: "<\(name)>").dropFirst().compactMap { $0.components(separatedBy: "</\(name)>").first }
    }

    /// Starts node `index` (its standard error goes to `node<index>.log` in the scratch folder).
    func start(_ index: Int) throws -> ServeProcess {
        try ServeProcess(environment: environment, errorLog: scratch.path("node\(index)-\(UUID().uuidString.prefix(4)).log"))
    }

    /// Creates a user with `credits`; returns the bearer token.
    func createUser(_ name: String, credits: Int) throws -> String {
        let created = try Command.run(Binary.path, ["admin", "create-user", name, "--credits", "\(credits)", "--json"], environment: environment)
        guard created.status == 0, let user = try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any],
              let token = user["token"] as? String
        else { throw CommandFailure(description: "admin create-user failed: \(created.stderr)") }
        return token
    }

    /// The rows `sql` answers, each as its columns (psql, unaligned, `|` between columns).
    func query(_ sql: String) throws -> [[String]] {
        guard let psql = EndToEnd.executable("psql") else { throw CommandFailure(description: "psql is not on PATH") }
        let result = try Command.run(psql, [databaseURL, "-v", "ON_ERROR_STOP=1", "-AtF", "|", "-c", sql])
        guard result.status == 0 else { throw CommandFailure(description: "psql: \(result.stderr)") }
        return result.stdout.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Submits `url` to `node`; returns the sample id.
    func submit(_ url: String, to node: ServeProcess, token: String) async throws -> String {
        let body = try JSONSerialization.data(withJSONObject: ["url": url])
        let submitted = try await http.send(.postJSON(node.url("/api/v1/process/submit"), body, headers: ["Authorization": "Bearer \(token)"]))
        guard submitted.status == 202,
              let id = (try JSONSerialization.jsonObject(with: submitted.body) as? [String: Any])?["sample_id"] as? String
        else { throw CommandFailure(description: "submit \(url): \(submitted.status) \(submitted.text)") }
        return id
    }

    /// GET `path` on `node` as JSON.
    func json(_ path: String, from node: ServeProcess) async throws -> [String: Any] {
        let response = try await http.send(.get(node.url(path)))
        return try JSONSerialization.jsonObject(with: response.body) as? [String: Any] ?? [:]
    }

    /// One event as a stream delivered it, and when it arrived.
    struct Heard: Sendable, CustomStringConvertible {
        var sequence: Int
        var step: String
        var status: String
        var receivedAt: Double
        var description: String { "#\(sequence) \(step) \(status)" }
    }

    /// The events of a sample's stream on `node`, read until the stream ends, each with when it arrived.
    func events(_ id: String, from node: ServeProcess) async throws -> [Heard] {
        var heard: [Heard] = []
        _ = try await node.events(of: id, http: http, timeout: 300) { event in
            heard.append(Heard(sequence: event["sequence"] as? Int ?? -1, step: event["step"] as? String ?? "",
                               status: event["status"] as? String ?? "", receivedAt: Date().timeIntervalSince1970))
            return false
        }
        return heard
    }

    /// The lease owners (`host:pid:nonce`) of running sample jobs (at `step` only, when given), by sample id.
    func runningOwners(step: String? = nil) throws -> [String: String] {
        var owners: [String: String] = [:]
        let only = step.map { " AND step = '\($0)'" } ?? ""
        for row in try query("SELECT sample_id, lease_owner FROM jobs WHERE kind = 'sample' AND status = 'running'" + only) where row.count == 2 {
            owners[row[0].lowercased()] = row[1]
        }
        return owners
    }

    /// The process id in a lease owner `host:pid:nonce`.
    static func pid(ofOwner owner: String) -> Int32? {
        let parts = owner.split(separator: ":")
        return parts.count >= 3 ? Int32(parts[parts.count - 2]) : nil
    }
}

/// Who held which sample's job, seen by reading the jobs table while the cluster works.
final class LeaseWitness: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [String: Set<Int32>] = [:]

    func record(_ owners: [String: String]) {
        lock.withLock {
            for (sample, owner) in owners {
                if let pid = Cluster.pid(ofOwner: owner) { seen[sample, default: []].insert(pid) }
            }
        }
    }

    /// The processes seen holding `sample`'s job.
    func holders(of sample: String) -> Set<Int32> { lock.withLock { seen[sample.lowercased()] ?? [] } }
}

@Suite("a cluster: three sampletok --serve nodes on one PostgreSQL database and one S3 bucket",
       .serialized, .enabled(if: TestPostgres.runs && TestS3.runs), .timeLimit(.minutes(10)))
struct ClusterTests {
    @Test("""
        30 URLs round-robin over three nodes, one node killed -9 mid-job and restarted: each sample completed once, \
        every blob present and none orphaned, node A's event stream follows node C's jobs to the end with durable ids, \
        a write on one node shows in another's list, 50 stem requests over three nodes for 10 credits: exactly 5 accepted, \
        SIGTERM hands a node's leases back at once
        """)
    func cluster() async throws {
        let cluster = try Cluster(nodes: 3, files: 30)
        try await cluster.makeBucket()
        let token = try cluster.createUser("ada", credits: 100)
        let nodeC = cluster.nodes[2]

        var ids: [String] = []
        for index in 0..<30 {
            // `/slow/` delivers the file in pieces over about a second: the jobs are at work when a node dies.
            ids.append(try await cluster.submit(cluster.media.url("/slow/tone\(index).wav"), to: cluster.nodes[index % 3], token: token))
        }
        // Every sample followed from node A, whichever node runs it.
        let nodeA = cluster.nodes[0]
        let streams = ids.map { id in Task { try await cluster.events(id, from: nodeA) } }

        // Watch who holds which job until all are completed (bounded), killing node B once it holds one.
        let witness = LeaseWitness()
        var killed: (sample: String, pid: Int32)?
        var restarted = false
        var completed = 0
        let deadline = ContinuousClock.now + .seconds(240)
        while completed < 30 && ContinuousClock.now < deadline {
            let owners = try cluster.runningOwners()
            witness.record(owners)
            let nodeB = cluster.nodes[1]
            // Killed in a job's download (the slow step, with the whole pass still to come), so
            // the job is surely unfinished when the signal lands.
            if killed == nil, let held = try cluster.runningOwners(step: "download").first(where: { Cluster.pid(ofOwner: $0.value) == nodeB.pid }) {
                nodeB.kill9()
                killed = (held.key, nodeB.pid)
            }
            // Started again once another node has taken the dead node's job over (its lease lapsed).
            if let killed, !restarted, witness.holders(of: killed.sample).contains(where: { $0 != killed.pid }) {
                cluster.nodes[1] = try cluster.start(1)
                restarted = true
            }
            completed = Int(try cluster.query("SELECT count(*) FROM samples WHERE status = 'completed'").first?.first ?? "") ?? 0
        }
        #expect(completed == 30, "samples completed: \(completed) of 30")
        let dead = try #require(killed, "node B never held a job while the witness looked")
        #expect(restarted)
        print("cluster: node B (pid \(dead.pid)) killed -9 in the download of \(dead.sample); its job then held by pids \(witness.holders(of: dead.sample).sorted())")
        #expect(witness.holders(of: dead.sample).contains { $0 != dead.pid && $0 != cluster.nodes[1].pid },
                "the job of the killed node was taken over by another node when its lease lapsed: \(witness.holders(of: dead.sample))")

        // Exactly once: one sample per URL, one job per sample, done; no sample saved twice.
        #expect(try cluster.query("SELECT count(*), count(DISTINCT canonical_url) FROM samples") == [["30", "30"]])
        let jobs = try cluster.query("SELECT count(*), count(DISTINCT sample_id), count(*) FILTER (WHERE status = 'done') FROM jobs WHERE kind = 'sample'")
        #expect(jobs == [["30", "30", "30"]])
        let savedTwice = try cluster.query("""
            SELECT subject FROM progress_events WHERE event LIKE '%"step":"done"%' GROUP BY subject HAVING count(*) > 1
            """)
        #expect(savedTwice.isEmpty, "samples saved more than once: \(savedTwice)")

        // Every stored object present in the bucket, and no object that no sample points at.
        var referenced: Set<String> = []
        for (index, id) in ids.enumerated() {
            let sample = try await cluster.json("/api/v1/samples/\(id)", from: cluster.nodes[index % 3])
            let files = try #require(sample["files"] as? [String: Any], "\(id): \(sample)")
            for (_, value) in files {
                let entries = (value as? [[String: Any]]) ?? [value as? [String: Any]].compactMap { $0 }
                referenced.formUnion(entries.compactMap { $0["key"] as? String })
            }
        }
        #expect(referenced.count >= 30 * 5)
        let stored = try await cluster.bucketKeys()
        #expect(referenced.subtracting(stored).isEmpty, "objects missing from the bucket: \(referenced.subtracting(stored).sorted().prefix(5))")
        #expect(stored.subtracting(referenced).isEmpty, "orphan objects: \(stored.subtracting(referenced).sorted().prefix(5))")
        #expect(FileManager.default.enumerator(atPath: cluster.scratch.path("home/blobs/samples"))?.nextObject() == nil,
                "nothing of the samples in a node's folder: it is all in the bucket")
        let staged = cluster.scratch.contents("home/tmp/staging").filter { $0.hasPrefix("blob-\(dead.pid)-") }
        #expect(staged.isEmpty, "the killed node's staged writes were left behind: \(staged)")

        // Node A's streams: each sample's to `completed`, the kept events numbered 1, 2, 3… with
        // none repeated or missing, those of jobs node C held too.
        var followedFromC = 0
        var delays: [Double] = []
        var written: [String: Double] = [:]
        for row in try cluster.query("SELECT subject, sequence, created_at FROM progress_events") where row.count == 3 {
            written["\(row[0].lowercased())/\(row[1])"] = Double(row[2])
        }
        for (id, stream) in zip(ids, streams) {
            let events = try await stream.value
            #expect(events.last?.status == "completed", "\(id): \(events.suffix(2))")
            // From the first (or, for a job that ended before its stream opened, only the outcome), none repeated or missing.
            let kept = events.map(\.sequence).filter { $0 > 0 }
            #expect(!kept.isEmpty && kept == Array((kept.first ?? 1)...(kept.last ?? 0)), "\(id): \(events)")
            guard witness.holders(of: id).contains(nodeC.pid), events.last?.status == "completed" else { continue }
            followedFromC += 1
            for event in events where event.sequence > 0 {
                guard let at = written["\(id.lowercased())/\(event.sequence)"] else { continue }
                delays.append(event.receivedAt - at)
            }
        }
        #expect(followedFromC > 0, "no job held by node C (pid \(nodeC.pid)) was seen and followed to the end from node A: \(ids.map { witness.holders(of: $0).sorted() })")
        // A figure for the docs, not a test: from node C's write of an event to its arrival on node A's stream.
        let sorted = delays.sorted()
        if !sorted.isEmpty {
            print(String(format: "cluster: %d events of %d jobs run by node C reached node A's streams in %.0f ms on average, p50 %.0f ms, max %.0f ms",
                         sorted.count, followedFromC, 1000 * sorted.reduce(0, +) / Double(sorted.count), 1000 * sorted[sorted.count / 2],
                         1000 * (sorted.last ?? 0)))
        }

        // The list page cache: a write on node C shows at once in node A's list.
        let before = try await cluster.json("/api/v1/samples?limit=100", from: nodeA)["total"] as? Int
        _ = try await cluster.json("/api/v1/samples?limit=100", from: nodeA)
        _ = try await cluster.submit(cluster.media.url("/files/tone0.wav"), to: nodeC, token: token)
        let after = try await cluster.json("/api/v1/samples?limit=100", from: nodeA)["total"] as? Int
        #expect(before == 30 && after == 31, "node A's list: \(String(describing: before)) then \(String(describing: after))")

        // Credits hold across nodes: 50 stem requests at once for 10 credits, 2 each.
        let eve = try cluster.createUser("eve", credits: 10)
        let (nodes, samples) = (cluster.nodes, ids)
        let answers = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
            for request in 0..<50 {
                group.addTask {
                    let body = Data(#"{"stems": ["\#(request < 30 ? "drum" : "bass")"], "provider": "local"}"#.utf8)
                    let response = try await cluster.http.send(.postJSON(nodes[request % 3].url("/api/v1/samples/\(samples[request % 30])/separate-stems"),
                                                                         body, headers: ["Authorization": "Bearer \(eve)"]))
                    let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
                    return (response.status, (object?["error"] as? [String: Any])?["code"] as? String)
                }
            }
            var answers: [(Int, String?)] = []
            for try await answer in group { answers.append(answer) }
            return answers
        }
        #expect(answers.filter { $0.0 == 202 }.count == 5, "\(answers.map(\.0))")
        #expect(answers.filter { $0.0 != 202 }.allSatisfy { $0.0 == 402 && $0.1 == "credits.insufficient" },
                "\(answers.filter { $0.0 != 202 })")
        let ledger = try cluster.query("""
            SELECT u.credits, (SELECT sum(delta) FROM credit_ledger l WHERE l.user_id = u.id), \
            (SELECT count(*) FROM stem_jobs j WHERE j.user_id = u.id) FROM users u WHERE u.name = 'eve'
            """)
        // (A stem job that fails refunds its charge: the balance may grow again, but always with its ledger.)
        #expect(ledger.first?.count == 3 && ledger.first?[0] == ledger.first?[1] && ledger.first?[2] == "5",
                "eve's balance, ledger sum and stem jobs: \(ledger)")

        // SIGTERM hands a node's leases back at once: its stalled job is free for the others
        // when it exits, not when the lease would have lapsed.
        let stalled = try await cluster.submit(cluster.media.url("/stall/tone29.wav"), to: nodeA, token: token)
        var holder: (node: ServeProcess, owner: String)?
        let claimBy = ContinuousClock.now + .seconds(60)
        while holder == nil && ContinuousClock.now < claimBy {
            if let owner = try cluster.runningOwners(step: "download")[stalled.lowercased()] {
                holder = cluster.nodes.first { $0.pid == Cluster.pid(ofOwner: owner) }.map { ($0, owner) }
            }
        }
        let held = try #require(holder, "no node took the stalled job")
        #expect(held.node.terminate(within: 30) == 0)
        let lease = try cluster.query("""
            SELECT count(*) FROM jobs WHERE sample_id = '\(stalled)' AND lease_owner = '\(held.owner)' \
            AND lease_expires_at > extract(epoch FROM clock_timestamp())
            """)
        #expect(lease == [["0"]], "the stopped node still held its lease")

        for node in cluster.nodes where node !== held.node { #expect(node.terminate(within: 60) == 0) }
    }
}
