import Foundation
import Testing
import TestSupport

/// A library folder and the environment for running the binary on it.
struct CLILibrary {
    let scratch = Scratch("cli-library")
    var home: String { scratch.path("home") }
    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["SAMPLETOK_HOME"] = home
        environment["SAMPLETOK_ASSETS"] = scratch.path("assets")
        return environment
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> CommandResult {
        try Command.run(Binary.path, arguments, environment: environment)
    }

    func json(_ arguments: [String]) throws -> Any {
        let result = try run(arguments + ["--json"])
        guard result.status == 0 else { throw CommandFailure(description: "\(arguments): \(result.stderr)") }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    /// A local media server holding a tone named `name`.
    func serveTone(_ name: String, seconds: Double) throws -> FixtureServer {
        let served = scratch.path("served")
        try FileManager.default.createDirectory(atPath: served, withIntermediateDirectories: true)
        try Fixtures.audio("\(served)/\(name)", expression: "0.3*sin(2*PI*220*t)", rate: 44100, seconds: seconds,
                           codecArguments: ["-c:a", "pcm_s16le"])
        return try FixtureServer(script: LibraryCommandTests.mediaServer, arguments: [served])
    }

    /// Waits (bounded) until `show ID` says completed or failed.
    func waitUntilFinal(_ id: String, seconds: Double = 60) throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let sample = try json(["show", id]) as? [String: Any] ?? [:]
            if ["completed", "failed"].contains(sample["status"] as? String) { return sample }
            _ = try Command.run("sleep", ["0.2"])
        }
        throw CommandFailure(description: "sample \(id) did not finish in \(seconds) s")
    }
}

@Suite("the library commands, as a user runs them")
struct LibraryCommandTests {
    @Test("a new library imports the demo loops; import, list, search, show, set, export, delete work by short id")
    func libraryRoundTrip() throws {
        let cli = CLILibrary()
        try FileManager.default.createDirectory(atPath: cli.scratch.path("assets/demo"), withIntermediateDirectories: true)
        try Fixtures.audio(cli.scratch.path("assets/demo/demo beat.wav"), expression: "0.2*sin(2*PI*330*t)", rate: 44100,
                           seconds: 1, codecArguments: ["-c:a", "pcm_s16le"])
        let tone = cli.scratch.path("kick sample.wav")
        try Fixtures.audio(tone, expression: "0.3*sin(2*PI*55*t)", rate: 44100, seconds: 1.5, codecArguments: ["-c:a", "pcm_s16le"])

        let imported = try cli.run(["import", tone])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("demo loops"))
        #expect(imported.stdout.contains("kick sample"))
        let again = try cli.run(["import", tone])
        #expect(again.stdout.contains("already in the library"))

        let found = try cli.json(["list", "--search", "kic"]) as? [String: Any]
        let items = found?["items"] as? [[String: Any]] ?? []
        #expect(items.count == 1)
        let id = String((items.first?["id"] as? String ?? "").prefix(8)).lowercased()
        #expect(found?["total"] as? Int == 1)

        let set = try cli.run(["set", id, "--bpm", "128", "--key", "Am"])
        #expect(set.status == 0, "\(set.stderr)")
        let filtered = try cli.json(["list", "--bpm", "120-130", "--key", "8A", "--search", "kick"]) as? [String: Any]
        #expect(filtered?["total"] as? Int == 1)
        let compatible = try cli.json(["list", "--compatible", "9A", "--search", "kick"]) as? [String: Any]
        #expect(compatible?["total"] as? Int == 1)
        let badKey = try cli.run(["list", "--key", "H minor"])
        #expect(badKey.status != 0 && badKey.stderr.contains("--key"))

        let out = cli.scratch.path("exports")
        let exported = try cli.run(["export", id, "--format", "mp3", "--out", out])
        #expect(exported.status == 0, "\(exported.stderr)")
        let path = exported.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(path.hasSuffix(".mp3") && path.contains("128 BPM") && FileManager.default.fileExists(atPath: path))
        let shown = try cli.json(["show", id]) as? [String: Any]
        #expect(shown?["download_count"] as? Int == 1)
        #expect((shown?["overrides"] as? [String: Any])?["bpm"] as? Double == 128)

        let missing = try cli.run(["show", "ffffffff"])
        #expect(missing.status != 0 && missing.stderr.contains("sample.not_found"))
        #expect(try cli.run(["delete", id]).status == 0)
        #expect(try cli.run(["show", id]).status != 0)
    }

    @Test("import names the file each line is about: a file with the same content as another says which, also when that one failed")
    func importNamesTheRightFile() throws {
        let cli = CLILibrary()
        try FileManager.default.createDirectory(atPath: cli.scratch.path("assets"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: cli.scratch.path("in/folder"), withIntermediateDirectories: true)
        let broken = Data("this is no media file at all, only words".utf8)
        try broken.write(to: URL(fileURLWithPath: cli.scratch.path("in/fake.mp4")))
        try broken.write(to: URL(fileURLWithPath: cli.scratch.path("in/folder/broken.mp4")))
        let tone = cli.scratch.path("in/folder/kick.wav")
        try Fixtures.audio(tone, expression: "0.3*sin(2*PI*55*t)", rate: 44100, seconds: 1.5, codecArguments: ["-c:a", "pcm_s16le"])
        let twin = cli.scratch.path("in/twin.wav")
        try FileManager.default.copyItem(atPath: tone, toPath: twin)

        let imported = try cli.run(["import", cli.scratch.path("in/fake.mp4"), cli.scratch.path("in/folder"), twin])
        #expect(imported.status != 0)
        let lines = imported.stdout.split(separator: "\n").map(String.init)
        let fake = lines.first { $0.hasPrefix("✗ ") && $0.contains("fake.mp4:") } ?? ""
        #expect(!fake.contains("same content"), "\(imported.stdout)")
        let brokenLine = lines.first { $0.contains("broken.mp4") } ?? ""
        #expect(brokenLine.hasPrefix("✗ \(cli.scratch.path("in/folder/broken.mp4")): same content as \(cli.scratch.path("in/fake.mp4")), which failed: "),
                "\(imported.stdout)")
        let twinLine = lines.first { $0.contains("twin") } ?? ""
        #expect(twinLine.hasPrefix("✓ ") && twinLine.contains("  twin  ") && twinLine.contains("already in the library: same content as \(tone)"),
                "\(imported.stdout)")
        let kick = lines.first { $0.contains("  kick  ") } ?? ""
        #expect(kick.hasPrefix("✓ ") && !kick.contains("same content"), "\(imported.stdout)")
    }

    @Test("submit returns at once with the id and a background worker finishes the job")
    func submitInBackground() throws {
        let cli = CLILibrary()
        let server = try cli.serveTone("loop.wav", seconds: 2)
        let submitted = try cli.run(["submit", server.url("/files/loop.wav")])
        #expect(submitted.status == 0, "\(submitted.stderr)")
        let id = submitted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(id.count == 8)
        let sample = try cli.waitUntilFinal(id)
        #expect(sample["status"] as? String == "completed")
        let duplicate = try cli.run(["submit", server.url("/files/loop.wav?utm_source=tiktok")])
        #expect(duplicate.stdout.hasPrefix(id) && duplicate.stdout.contains("already"))
    }

    @Test("Ctrl-C during submit --watch stops watching, not the job")
    func interruptWatch() throws {
        let cli = CLILibrary()
        let server = try cli.serveTone("slow.wav", seconds: 3)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = ["submit", server.url("/slow/slow.wav"), "--watch"]
        process.environment = cli.environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Wait for the download step to show, then press Ctrl-C.
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("download") {
            let more = errors.fileHandleForReading.availableData
            if more.isEmpty { break }
            seen.append(more)
        }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        seen.append(errors.fileHandleForReading.readDataToEndOfFile())
        #expect(process.terminationStatus == 130)
        #expect(String(decoding: seen, as: UTF8.self).contains("goes on in the background"))
        let page = try cli.json(["list"]) as? [String: Any]
        let id = ((page?["items"] as? [[String: Any]])?.first?["id"] as? String) ?? ""
        #expect(try cli.waitUntilFinal(id)["status"] as? String == "completed")
    }

    static var mediaServer: String {
        FixtureServer.script(named: "media_server.py")
    }
}
