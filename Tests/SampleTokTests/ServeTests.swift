import Foundation
import Net
import Testing
import TestSupport

/// `sampletok --serve` on a free port over a temporary library.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let exited = DispatchSemaphore(value: 0)

    /// `errorLog`: a file that receives the server's standard error (else it is dropped).
    init(environment: [String: String], arguments: [String] = ["--serve", "--port", "0", "--workers", "1"],
         errorLog: String? = nil) throws {
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        if let errorLog {
            FileManager.default.createFile(atPath: errorLog, contents: nil)
            process.standardError = FileHandle(forWritingAtPath: errorLog)
        } else {
            process.standardError = FileHandle.nullDevice
        }
        process.standardInput = FileHandle.nullDevice
        let exited = self.exited
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        // The first line is "sampletok serving on http://127.0.0.1:PORT" (EOF if it fails to start).
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let more = output.fileHandleForReading.availableData
            if more.isEmpty { break }
            line.append(more)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("sampletok serving on "), let port = text.split(separator: ":").last.flatMap({ Int($0) }) else {
            process.terminate()
            throw CommandFailure(description: "the server did not start: '\(text)'")
        }
        self.port = port
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// The server's process id.
    var pid: Int32 { process.processIdentifier }

    /// Sends SIGKILL and waits for the process to be gone.
    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        exited.wait()
    }

    /// Sends SIGTERM and waits (at most `seconds`) for the exit status.
    func terminate(within seconds: Double) -> Int32? {
        kill(process.processIdentifier, SIGTERM)
        guard exited.wait(timeout: .now() + seconds) == .success else {
            kill(process.processIdentifier, SIGKILL)
            return nil
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// A temporary library, a user in it, and a media server with a 3-s tone.
struct ServeFixture {
    let scratch = Scratch("serve")
    let media: FixtureServer
    let token: String
    let http = HTTPClient()

    init(allowPrivateURLs: Bool = true) throws {
        let served = scratch.path("served")
        try FileManager.default.createDirectory(atPath: served, withIntermediateDirectories: true)
        try Fixtures.audio("\(served)/tone.wav", expression: "0.3*sin(2*PI*220*t)", rate: 44100, seconds: 3,
                           codecArguments: ["-c:a", "pcm_s16le"])
        let script = FixtureServer.script(named: "media_server.py")
        media = try FixtureServer(script: script, arguments: [served])
        self.allowPrivateURLs = allowPrivateURLs
        let created = try Command.run(Binary.path, ["admin", "create-user", "ada", "--credits", "3", "--json"],
                                      environment: Self.environment(scratch, allowPrivateURLs: allowPrivateURLs))
        guard created.status == 0,
              let user = try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any],
              let token = user["token"] as? String
        else { throw CommandFailure(description: "admin create-user failed: \(created.stderr)") }
        self.token = token
    }

    let allowPrivateURLs: Bool

    var environment: [String: String] { Self.environment(scratch, allowPrivateURLs: allowPrivateURLs) }

    static func environment(_ scratch: Scratch, allowPrivateURLs: Bool) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["SAMPLETOK_HOME"] = scratch.path("home")
        environment["SAMPLETOK_ASSETS"] = scratch.path("assets")
        environment["SECRET_KEY"] = "e2e-admin-key"
        environment.removeValue(forKey: "PUBLIC_BASE_URL")
        if allowPrivateURLs { environment["ALLOW_PRIVATE_URLS"] = "1" } else { environment.removeValue(forKey: "ALLOW_PRIVATE_URLS") }
        return environment
    }

    var auth: HTTPHeaders { ["Authorization": "Bearer \(token)"] }

    /// Submits `url`; returns the new sample's id.
    func submit(_ url: String, to server: ServeProcess) async throws -> String {
        let body = try JSONSerialization.data(withJSONObject: ["url": url])
        let submitted = try await http.send(.postJSON(server.url("/api/v1/process/submit"), body, headers: auth))
        guard submitted.status == 202,
              let id = (try JSONSerialization.jsonObject(with: submitted.body) as? [String: Any])?["sample_id"] as? String
        else { throw CommandFailure(description: "submit \(url): \(submitted.status) \(submitted.text)") }
        return id
    }

    /// The events of a sample's stream, read until it ends (or `until` says stop).
    func events(_ id: String, from server: ServeProcess,
                until stop: ([String: Any]) -> Bool = { _ in false }) async throws -> [[String: Any]] {
        try await server.events(of: id, http: http, until: stop)
    }

    /// A sample as JSON.
    func sample(_ id: String, from server: ServeProcess) async throws -> [String: Any] {
        let response = try await http.send(.get(server.url("/api/v1/samples/\(id)")))
        return try JSONSerialization.jsonObject(with: response.body) as? [String: Any] ?? [:]
    }
}

@Suite("sampletok --serve, end to end", .timeLimit(.minutes(5)))
struct ServeTests {
    @Test("create a user, submit a URL, follow its events to the end, fetch the playlist and a segment range, SIGTERM exits 0")
    func serveEndToEnd() async throws {
        let f = try ServeFixture()
        let server = try ServeProcess(environment: f.environment)
        let http = f.http

        let health = try await http.send(.get(server.url("/health")))
        #expect(health.status == 200)
        let me = try await http.send(HTTPRequest(url: server.url("/api/v1/me"), headers: f.auth))
        #expect(me.status == 200 && me.text.contains("\"credits\":3"))
        // The shipped OpenAPI document and its page (found beside the binary or in the checkout).
        let document = try await http.send(.get(server.url("/api/v1/openapi.json")))
        #expect(document.status == 200 && document.text.contains("\"openapi\":\"3.1.0\""))
        let page = try await http.send(.get(server.url("/api/v1/docs")))
        #expect(page.status == 200 && page.text.contains("/api/v1/process/submit"))

        let id = try await f.submit(f.media.url("/files/tone.wav"), to: server)
        let statuses = try await f.events(id, from: server).compactMap { $0["status"] as? String }
        #expect(statuses.last == "completed", "\(statuses)")

        let sample = try await f.sample(id, from: server)
        let files = try #require(sample["files"] as? [String: Any])
        let playlistURL = try #require((files["hls"] as? [String: Any])?["url"] as? String)
        let segmentURL = try #require((files["hls_first_segment"] as? [String: Any])?["url"] as? String)
        #expect(playlistURL.hasPrefix(server.url("/files/")))

        let playlist = try await http.send(.get(playlistURL))
        #expect(playlist.status == 200)
        #expect(playlist.text.hasPrefix("#EXTM3U"))
        var ranged = HTTPRequest.get(segmentURL)
        ranged.range = ByteRange(first: 0, last: 99)
        let part = try await http.send(ranged)
        #expect(part.status == 206)
        #expect(part.body.count == 100)
        #expect(part.headers["Content-Range"]?.hasPrefix("bytes 0-99/") == true)

        let download = try await http.send(.postJSON(server.url("/api/v1/samples/\(id)/download"),
                                                     Data(#"{"format":"wav"}"#.utf8), headers: f.auth))
        #expect(download.status == 200 && download.text.contains("/files/"))

        // The job and the requests above show in /metrics.
        let metrics = try await http.send(.get(server.url("/metrics")))
        #expect(metrics.status == 200)
        #expect(metrics.headers["Content-Type"]?.hasPrefix("text/plain") == true)
        let lines = Set(metrics.text.split(separator: "\n").map(String.init))
        #expect(lines.contains(#"sampletok_jobs{state="done"} 1.0"#), "\(metrics.text.prefix(2000))")
        #expect(lines.contains(#"sampletok_http_requests_total{route="/api/v1/process/submit",method="POST",status="202"} 1"#))
        #expect(lines.contains(#"sampletok_http_requests_total{route="/api/v1/samples/{id}/download",method="POST",status="200"} 1"#))
        for step in ["resolve", "download", "process", "store", "save"] {
            #expect(lines.contains(#"sampletok_pipeline_step_duration_seconds_count{step="\#(step)"} 1"#), "\(step)")
        }

        #expect(server.terminate(within: 30) == 0)
    }

    @Test("without ALLOW_PRIVATE_URLS the server refuses to fetch loopback, private, link-local, local NAT64 and Teredo addresses")
    func ssrfTargets() async throws {
        let f = try ServeFixture(allowPrivateURLs: false)
        let server = try ServeProcess(environment: f.environment)
        for url in [f.media.url("/files/tone.wav"), "http://10.0.0.1/a.wav", "http://[::1]:9/a.wav", "http://169.254.169.254/latest",
                    "http://[64:ff9b:1::a00:1]/a.wav", "http://[2001::1]/a.wav"] {
            let id = try await f.submit(url, to: server)
            let last = try await f.events(id, from: server).last
            #expect(last?["status"] as? String == "failed", "\(url)")
            #expect((last?["error"] as? [String: Any])?["code"] as? String == "link.forbidden", "\(url): \(String(describing: last))")
        }
        let health = try await f.http.send(.get(server.url("/health")))
        #expect(health.status == 200)
        #expect(server.terminate(within: 30) == 0)
    }

    @Test("SIGTERM in the middle of a job exits 0 and hands the job back; the next server completes it exactly once")
    func sigtermMidJob() async throws {
        let f = try ServeFixture()
        var environment = f.environment
        environment["SAMPLETOK_SHUTDOWN_GRACE"] = "0"
        let first = try ServeProcess(environment: environment)
        // The first download of /stall/ never ends: the job is at work when the server is stopped.
        let id = try await f.submit(f.media.url("/stall/tone.wav"), to: first)
        let seen = try await f.events(id, from: first) { ($0["step"] as? String) == "download" }
        #expect(seen.last?["step"] as? String == "download")
        #expect(first.terminate(within: 30) == 0)
        // Handed back unfinished: still listed among the jobs that are not done.
        let pending = try Command.run(Binary.path, ["jobs", "--json"], environment: environment)
        let unfinished = try JSONSerialization.jsonObject(with: Data(pending.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(unfinished.count == 1, "\(pending.stdout)")
        #expect(unfinished.first?["status"] as? String != "failed")

        let second = try ServeProcess(environment: environment)
        let statuses = try await f.events(id, from: second).compactMap { $0["status"] as? String }
        #expect(statuses.last == "completed", "\(statuses)")
        #expect(second.terminate(within: 30) == 0)

        let jobs = try Command.run(Binary.path, ["jobs", "--all", "--json"], environment: environment)
        let list = try JSONSerialization.jsonObject(with: Data(jobs.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(list.count == 1, "\(jobs.stdout)")
        #expect(list.first?["status"] as? String == "done")
        let samples = try Command.run(Binary.path, ["list", "--json"], environment: environment)
        let page = try JSONSerialization.jsonObject(with: Data(samples.stdout.utf8)) as? [String: Any]
        #expect(page?["total"] as? Int == 1)
    }
}

extension ServeProcess {
    /// The events of a sample's stream (`GET /api/v1/samples/{id}/events`), decoded, read until the
    /// stream ends or `stop` says so (it sees each event as it arrives).
    func events(of id: String, http: HTTPClient, timeout: Int64 = 120,
                until stop: ([String: Any]) -> Bool = { _ in false }) async throws -> [[String: Any]] {
        var request = HTTPRequest.get(url("/api/v1/samples/\(id)/events"))
        request.timeout = .seconds(timeout)
        let stream = try await http.openStream(request)
        guard stream.head.status == 200 else { throw CommandFailure(description: "events: \(stream.head.status)") }
        var text = ""
        var events: [[String: Any]] = []
        for try await chunk in stream.body {
            text += String(decoding: chunk, as: UTF8.self)
            while let end = text.range(of: "\n\n") {
                let block = text[..<end.lowerBound]
                text = String(text[end.upperBound...])
                for line in block.split(separator: "\n") where line.hasPrefix("data: ") {
                    guard let event = try? JSONSerialization.jsonObject(with: Data(line.dropFirst(6).utf8)) as? [String: Any] else { continue }
                    events.append(event)
                    if stop(event) {
                        stream.cancel()
                        return events
                    }
                }
            }
        }
        return events
    }
}
