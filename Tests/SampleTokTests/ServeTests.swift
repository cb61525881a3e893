import Foundation
import Net
import Testing
import TestSupport

/// `sampletok --serve` on a free port over a temporary library, and the media server it fetches from.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let exited = DispatchSemaphore(value: 0)

    init(environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = ["--serve", "--port", "0", "--workers", "1"]
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
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
        guard let port = text.split(separator: ":").last.flatMap({ Int($0) }) else {
            process.terminate()
            throw CommandFailure(description: "the server did not start: '\(text)'")
        }
        self.port = port
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

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

@Suite("sampletok --serve, end to end")
struct ServeTests {
    @Test("create a user, submit a URL, follow its events to the end, fetch the playlist and a segment range, SIGTERM exits 0")
    func serveEndToEnd() async throws {
        let scratch = Scratch("serve")
        var environment = ProcessInfo.processInfo.environment
        environment["SAMPLETOK_HOME"] = scratch.path("home")
        environment["SAMPLETOK_ASSETS"] = scratch.path("assets")
        environment["ALLOW_PRIVATE_URLS"] = "1"
        environment["SECRET_KEY"] = "e2e-admin-key"
        environment.removeValue(forKey: "PUBLIC_BASE_URL")

        let created = try Command.run(Binary.path, ["admin", "create-user", "ada", "--credits", "3", "--json"], environment: environment)
        #expect(created.status == 0, "\(created.stderr)")
        let user = try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any]
        let token = try #require(user?["token"] as? String)

        let served = scratch.path("served")
        try FileManager.default.createDirectory(atPath: served, withIntermediateDirectories: true)
        try Fixtures.audio("\(served)/tone.wav", expression: "0.3*sin(2*PI*220*t)", rate: 44100, seconds: 3,
                           codecArguments: ["-c:a", "pcm_s16le"])
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../EngineTests/Fixtures/media_server.py").standardizedFileURL.path
        let media = try FixtureServer(script: script, arguments: [served])

        let server = try ServeProcess(environment: environment)
        let http = HTTPClient()
        let auth: HTTPHeaders = ["Authorization": "Bearer \(token)"]

        let health = try await http.send(.get(server.url("/health")))
        #expect(health.status == 200)
        let me = try await http.send(HTTPRequest(url: server.url("/api/v1/me"), headers: auth))
        #expect(me.status == 200 && me.text.contains("\"credits\":3"))

        let body = try JSONSerialization.data(withJSONObject: ["url": media.url("/files/tone.wav")])
        let submitted = try await http.send(.postJSON(server.url("/api/v1/process/submit"), body, headers: auth))
        #expect(submitted.status == 202, "\(submitted.text)")
        let id = try #require((try JSONSerialization.jsonObject(with: submitted.body) as? [String: Any])?["sample_id"] as? String)

        var request = HTTPRequest.get(server.url("/api/v1/samples/\(id)/events"))
        request.timeout = .seconds(120)
        let stream = try await http.openStream(request)
        #expect(stream.head.status == 200)
        var text = ""
        for try await chunk in stream.body { text += String(decoding: chunk, as: UTF8.self) }
        let statuses = text.components(separatedBy: "\n").filter { $0.hasPrefix("data: ") }
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.dropFirst(6).utf8)) as? [String: Any] }
            .compactMap { $0["status"] as? String }
        #expect(statuses.last == "completed", "\(text)")

        let sampleResponse = try await http.send(.get(server.url("/api/v1/samples/\(id)")))
        let sample = try #require(try JSONSerialization.jsonObject(with: sampleResponse.body) as? [String: Any])
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
                                                     Data(#"{"format":"wav"}"#.utf8), headers: auth))
        #expect(download.status == 200 && download.text.contains("/files/"))

        #expect(server.terminate(within: 30) == 0)
    }
}
