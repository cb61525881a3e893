import Foundation
import Net
import Testing
import TestSupport

/// `sampletok --serve` with `STORAGE_TYPE=s3` against the moto test server: the files go to the
/// bucket (at its root, or under a key prefix), and clients fetch them through the URLs the API hands out.
@Suite("sampletok --serve on S3 (moto), end to end", .enabled(if: TestS3.runs), .timeLimit(.minutes(5)))
struct S3ServeTests {
    @Test("a URL job stores its files in the bucket; the WAV, the playlist and its segments come through the API's URLs; admin storage-check finds nothing",
          arguments: ["", "crew/lib"])
    func serveOnS3(prefix: String) async throws {
        let f = try ServeFixture()
        let bucket = TestS3.freshBucketName()
        let http = f.http
        // moto takes any keys; an unsigned PUT makes the bucket.
        let created = try await http.send(HTTPRequest(url: "\(try TestS3.requireURL())/\(bucket)", method: .put))
        #expect(created.status == 200)
        let folder = prefix.isEmpty ? "" : prefix + "/"
        var environment = f.environment
        for (name, value) in try TestS3.environment(bucket: bucket + (prefix.isEmpty ? "" : "/" + prefix)) { environment[name] = value }
        let server = try ServeProcess(environment: environment)

        let health = try await http.send(.get(server.url("/health")))
        #expect(health.status == 200 && health.text.contains(#""storage":"ok""#), "\(health.text)")

        let id = try await f.submit(f.media.url("/files/tone.wav"), to: server)
        let statuses = try await f.events(id, from: server).compactMap { $0["status"] as? String }
        #expect(statuses.last == "completed", "\(statuses)")

        // Nothing of the sample in the library's folder: it is all in the bucket.
        let localFolder = f.scratch.path("home/blobs/samples")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: localFolder))?.isEmpty ?? true)
        let listing = try await http.send(.get("\(try TestS3.requireURL())/\(bucket)?list-type=2"))
        #expect(listing.text.contains("<Key>\(folder)samples/\(id.lowercased())/audio.wav</Key>"), "\(listing.text.prefix(500))")

        let sample = try await f.sample(id, from: server)
        let files = try #require(sample["files"] as? [String: Any])
        let wavURL = try #require((files["wav"] as? [String: Any])?["url"] as? String)
        let wavBytes = try #require((files["wav"] as? [String: Any])?["bytes"] as? Int)
        let playlistURL = try #require((files["hls"] as? [String: Any])?["url"] as? String)

        // The server redirects to presigned bucket URLs (no public base is set), which the client follows.
        var noFollow = HTTPRequest.get(wavURL)
        noFollow.followRedirects = false
        let redirect = try await http.send(noFollow)
        #expect(redirect.status == 302)
        let location = try #require(redirect.headers["Location"])
        #expect(location.hasPrefix("\(try TestS3.requireURL())/\(bucket)/\(folder)samples/") && location.contains("X-Amz-Signature="))
        let wav = try await http.send(.get(wavURL))
        #expect(wav.status == 200)
        #expect(wav.body.count == wavBytes)
        #expect(wav.body.prefix(4) == Data("RIFF".utf8))
        #expect(wav.headers["Cache-Control"] == "public, max-age=31536000, immutable")

        // HLS as the player reads it: the playlist, then its segments relative to the playlist's URL.
        let playlist = try await http.send(.get(playlistURL))
        #expect(playlist.status == 200 && playlist.text.hasPrefix("#EXTM3U"))
        let segments = playlist.text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
        #expect(!segments.isEmpty)
        for name in segments {
            let url = try #require(URL(string: String(name), relativeTo: URL(string: playlistURL))?.absoluteString)
            var ranged = HTTPRequest.get(url)
            ranged.range = ByteRange(first: 0, last: 99)
            let part = try await http.send(ranged)
            #expect(part.status == 206 && part.body.count == 100, "\(url)")
        }
        #expect(server.terminate(within: 30) == 0)

        let check = try Command.run(Binary.path, ["admin", "storage-check", "--json"], environment: environment)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any]
        #expect((report?["orphans"] as? [Any])?.isEmpty == true, "\(check.stdout)")
        #expect((report?["missing"] as? [Any])?.isEmpty == true, "\(check.stdout)")
        #expect((report?["objects"] as? Int ?? 0) >= 6, "\(check.stdout)")
    }

    @Test("with S3_PUBLIC_BASE_URL the API hands out direct bucket URLs: the WAV and the playlist's segments come from the bucket, not the server",
          arguments: ["", "crew/lib"])
    func publicBase(prefix: String) async throws {
        let f = try ServeFixture()
        let bucket = TestS3.freshBucketName()
        let http = f.http
        let base = "\(try TestS3.requireURL())/\(bucket)"
        // A public bucket (moto honours the canned ACL for anonymous reads), as a CDN would be.
        let created = try await http.send(HTTPRequest(url: base, method: .put, headers: ["x-amz-acl": "public-read"]))
        #expect(created.status == 200)
        let folder = prefix.isEmpty ? "" : prefix + "/"
        var environment = f.environment
        for (name, value) in try TestS3.environment(bucket: bucket + (prefix.isEmpty ? "" : "/" + prefix)) { environment[name] = value }
        environment["S3_PUBLIC_BASE_URL"] = base  // the bucket's root: URLs name the prefix
        let server = try ServeProcess(environment: environment)

        let id = try await f.submit(f.media.url("/files/tone.wav"), to: server)
        let statuses = try await f.events(id, from: server).compactMap { $0["status"] as? String }
        #expect(statuses.last == "completed", "\(statuses)")
        let sample = try await f.sample(id, from: server)
        let files = try #require(sample["files"] as? [String: Any])
        let wavURL = try #require((files["wav"] as? [String: Any])?["url"] as? String)
        let playlistURL = try #require((files["hls"] as? [String: Any])?["url"] as? String)
        #expect(wavURL == "\(base)/\(folder)samples/\(id.lowercased())/audio.wav")
        #expect(playlistURL.hasPrefix("\(base)/\(folder)samples/"))

        let wav = try await http.send(.get(wavURL))
        #expect(wav.status == 200 && wav.body.prefix(4) == Data("RIFF".utf8))
        let playlist = try await http.send(.get(playlistURL))
        #expect(playlist.status == 200 && playlist.text.hasPrefix("#EXTM3U"))
        let segments = playlist.text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
        #expect(!segments.isEmpty)
        for name in segments {
            let url = try #require(URL(string: String(name), relativeTo: URL(string: playlistURL))?.absoluteString)
            #expect(url.hasPrefix(base))
            let segment = try await http.send(.get(url))
            #expect(segment.status == 200 && segment.headers["Content-Type"] == "video/iso.segment", "\(url)")
        }
        // The download route hands out the same direct URL (a sample's files are free).
        let download = try await http.send(.postJSON(server.url("/api/v1/samples/\(id)/download"), Data(#"{"format":"wav"}"#.utf8), headers: f.auth))
        #expect(download.status == 200)
        #expect((try JSONSerialization.jsonObject(with: download.body) as? [String: Any])?["url"] as? String == wavURL, "\(download.text)")
        #expect(server.terminate(within: 30) == 0)
    }
}

@Suite("storage settings, end to end")
struct StorageSettingsTests {
    @Test("a missing bucket variable stops a command and the server with config.invalid naming it, without a crash")
    func invalidSettings() throws {
        let scratch = Scratch("storage-settings")
        var environment = ProcessInfo.processInfo.environment
        environment["SAMPLETOK_HOME"] = scratch.path("home")
        environment["STORAGE_TYPE"] = "s3"
        environment["S3_BUCKET_NAME"] = "samples"
        for name in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"] { environment.removeValue(forKey: name) }
        for arguments in [["list"], ["admin", "storage-check"], ["--serve", "--port", "0"]] {
            let result = try Command.run(Binary.path, arguments, environment: environment)
            #expect(result.status == 65, "\(arguments): \(result.status) \(result.stderr.prefix(300))")
            #expect(result.stderr.contains("config.invalid") && result.stderr.contains("AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY"), "\(arguments)")
        }
    }
}
