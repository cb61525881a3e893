import Foundation
import Net
import Testing
import TestSupport

/// Media that tries to make SampleTok read files it was never given (issue 25): playlists and
/// reference formats are refused with `media.unsupported_container` before anything is read.
/// The file they point at is a `ReadWitness`, which notes any open.
@Suite("hostile media: playlists and references are refused, nothing outside is read")
struct HostileMediaTests {
    /// An HLS playlist whose one segment is `target` (as in the issue).
    static func playlist(pointingAt target: String) -> String {
        "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4.0,\nfile://\(target)\n#EXT-X-ENDLIST\n"
    }

    @Test("a served HLS playlist (as .m3u8 and as .mp3) fails as media.unsupported_container; the secret is never opened")
    func servedPlaylist() async throws {
        let f = try ServeFixture()
        let secret = try ReadWitness(path: f.scratch.path("secret.mp3"))
        let text = Self.playlist(pointingAt: secret.path)
        for name in ["evil.m3u8", "evil.mp3"] {
            try text.write(toFile: f.scratch.path("served/\(name)"), atomically: true, encoding: .utf8)
        }
        let server = try ServeProcess(environment: f.environment)
        for name in ["evil.m3u8", "evil.mp3"] {
            let id = try await f.submit(f.media.url("/files/\(name)"), to: server)
            let last = try await f.events(id, from: server).last
            #expect(last?["status"] as? String == "failed", "\(name): \(String(describing: last))")
            let error = last?["error"] as? [String: Any]
            #expect(error?["code"] as? String == "media.unsupported_container", "\(name): \(String(describing: last))")
            #expect((error?["message"] as? String)?.contains("HLS playlist") == true, "\(String(describing: error))")
        }
        #expect(!secret.wasOpened)
        #expect(server.terminate(within: 30) == 0)
    }

    @Test("`sampletok process` on a playlist named source.media, and `import` of it, refuse it; the secret is never opened")
    func localPlaylist() throws {
        let scratch = Scratch("hostile-local")
        let secret = try ReadWitness(path: scratch.path("secret.mp3"))
        let input = scratch.path("source.media")
        try Self.playlist(pointingAt: secret.path).write(toFile: input, atomically: true, encoding: .utf8)
        let result = try Binary.run(["process", input, "--out", scratch.path("out")])
        #expect(result.status == 65)
        #expect(result.stderr.contains("media.unsupported_container"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out")))

        var environment = ProcessInfo.processInfo.environment
        environment["SAMPLETOK_HOME"] = scratch.path("home")
        environment["SAMPLETOK_ASSETS"] = scratch.path("assets")
        let imported = try Command.run(Binary.path, ["import", input], environment: environment)
        #expect(imported.status != 0)
        #expect((imported.stdout + imported.stderr).contains("media.unsupported_container"), "\(imported.stdout) \(imported.stderr)")
        #expect(!secret.wasOpened)
    }

    @Test("a concat list naming a file beside it is refused as media.unsupported_container; that file is never opened")
    func concatList() throws {
        let scratch = Scratch("hostile-concat")
        let secret = try ReadWitness(path: scratch.path("secret.mp3"))
        let input = scratch.path("list.txt")
        try "ffconcat version 1.0\nfile 'secret.mp3'\n".write(toFile: input, atomically: true, encoding: .utf8)
        let result = try Binary.run(["process", input, "--out", scratch.path("out")])
        #expect(result.status == 65)
        #expect(result.stderr.contains("media.unsupported_container"), "\(result.stderr)")
        #expect(result.stderr.contains("concat list"), "\(result.stderr)")
        #expect(!secret.wasOpened)
    }

    @Test("an MP4 whose data reference points at another file is refused as media.unsupported_container")
    func mp4DataReference() throws {
        let scratch = Scratch("hostile-dref")
        let secret = try ReadWitness(path: scratch.path("secret.mp3"))
        let good = scratch.path("good.m4a")
        try Fixtures.audio(good, expression: "0.3*sin(2*PI*330*t)", rate: 44100, seconds: 2,
                           codecArguments: ["-c:a", "aac", "-b:a", "96k"])
        // The same file reads fine before its data reference is pointed elsewhere.
        let control = try Binary.run(["process", good, "--out", scratch.path("control")])
        #expect(control.status == 0, "\(control.stderr)")

        let evil = scratch.path("evil.m4a")
        try Self.pointDataReference(of: good, at: "file://\(secret.path)").write(to: URL(fileURLWithPath: evil))
        let result = try Binary.run(["process", evil, "--out", scratch.path("out")])
        #expect(result.status == 65)
        #expect(result.stderr.contains("media.unsupported_container"), "\(result.stderr)")
        #expect(result.stderr.contains(secret.path), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out")))
        #expect(!secret.wasOpened)
    }

    @Test("the file route answers 404 for links inside the blob folder (to a file and to a folder) and serves plain files")
    func symlinksInBlobFolder() async throws {
        let f = try ServeFixture()
        let server = try ServeProcess(environment: f.environment)
        let blobs = f.scratch.path("home/blobs")
        let outside = f.scratch.path("outside")
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try "not for you".write(toFile: "\(outside)/secret.txt", atomically: true, encoding: .utf8)
        let fm = FileManager.default
        try fm.createDirectory(atPath: "\(blobs)/plain", withIntermediateDirectories: true)
        try "hello".write(toFile: "\(blobs)/plain/ok.txt", atomically: true, encoding: .utf8)
        try fm.createSymbolicLink(atPath: "\(blobs)/plain/linked.txt", withDestinationPath: "\(outside)/secret.txt")
        try fm.createSymbolicLink(atPath: "\(blobs)/elsewhere", withDestinationPath: outside)

        let plain = try await f.http.send(.get(server.url("/files/plain/ok.txt")))
        #expect(plain.status == 200 && plain.text == "hello")
        for key in ["plain/linked.txt", "elsewhere/secret.txt"] {
            let response = try await f.http.send(.get(server.url("/files/\(key)")))
            #expect(response.status == 404, "\(key)")
            #expect(!response.text.contains("not for you"), "\(key)")
        }
        #expect(server.terminate(within: 30) == 0)
    }

    @Test("bpm_min and bpm_max take JSON numbers only (120.5, 1.2e2): 0x10, nan, inf and a sign are 400")
    func nonDecimalTempo() async throws {
        let f = try ServeFixture()
        let server = try ServeProcess(environment: f.environment)
        for query in ["bpm_min=16&bpm_max=120.5", "bpm_max=1.2e2"] {
            let good = try await f.http.send(.get(server.url("/api/v1/samples?\(query)")))
            #expect(good.status == 200, "\(query): \(good.text)")
        }
        for query in ["bpm_min=0x10", "bpm_min=0x1p4", "bpm_min=nan", "bpm_max=inf", "bpm_min=%2B5", "bpm_max=1e9"] {
            let response = try await f.http.send(.get(server.url("/api/v1/samples?\(query)")))
            #expect(response.status == 400, "\(query)")
            #expect(response.text.contains("request.invalid"), "\(query): \(response.text)")
        }
        #expect(server.terminate(within: 30) == 0)
    }

    /// `mp4` with its (first) data reference turned into one naming `location`: the `url ` entry
    /// loses its self-contained flag and gains the location; the boxes around it grow to fit.
    /// The movie box must come after the media data (ffmpeg's default), so no offset moves.
    static func pointDataReference(of mp4: String, at location: String) throws -> Data {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: mp4)))
        func find(_ type: String, from start: Int) throws -> Int {
            let pattern = Array(type.utf8)
            guard let at = (start..<(bytes.count - 4)).first(where: { Array(bytes[$0..<($0 + 4)]) == pattern }) else {
                throw CommandFailure(description: "no '\(type)' box in \(mp4)")
            }
            return at - 4
        }
        var parents: [Int] = []
        var cursor = 0
        for type in ["moov", "trak", "mdia", "minf", "dinf", "dref"] {
            cursor = try find(type, from: cursor + 4)
            parents.append(cursor)
        }
        guard try find("mdat", from: 0) < parents[0] else { throw CommandFailure(description: "moov before mdat") }
        let entry = parents.last! + 16  // dref: header, version and flags, entry count
        guard Array(bytes[(entry + 4)..<(entry + 8)]) == Array("url ".utf8) else {
            throw CommandFailure(description: "the data reference is not a url entry")
        }
        let oldSize = Int(bytes[entry]) << 24 | Int(bytes[entry + 1]) << 16 | Int(bytes[entry + 2]) << 8 | Int(bytes[entry + 3])
        let replacement = Self.be32(12 + location.utf8.count + 1) + Array("url ".utf8) + [0, 0, 0, 0] + Array(location.utf8) + [0]
        let delta = replacement.count - oldSize
        bytes.replaceSubrange(entry..<(entry + oldSize), with: replacement)
        for parent in parents {
            let size = Int(bytes[parent]) << 24 | Int(bytes[parent + 1]) << 16 | Int(bytes[parent + 2]) << 8 | Int(bytes[parent + 3])
            bytes.replaceSubrange(parent..<(parent + 4), with: Self.be32(size + delta))
        }
        return Data(bytes)
    }

    static func be32(_ value: Int) -> [UInt8] {
        [UInt8(value >> 24 & 0xff), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
    }
}
