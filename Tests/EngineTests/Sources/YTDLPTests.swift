@testable import Engine
import Foundation
import Model
import Testing
import TestSupport

/// A fake `yt-dlp` on a PATH of its own: `--dump-json` prints metadata, otherwise it copies a
/// tone to the `-o` path; a URL containing `unsupported` fails as yt-dlp does.
struct FakeYTDLP {
    let folder = Scratch("ytdlp")

    init(tone: String) throws {
        let script = """
            #!/bin/sh
            url=""; out=""; json=0
            while [ $# -gt 0 ]; do
              case "$1" in
                --dump-json) json=1 ;;
                -o) shift; out="$1" ;;
                --) shift; url="$1" ;;
              esac
              shift
            done
            case "$url" in *unsupported*) echo "ERROR: Unsupported URL: $url" >&2; exit 1 ;; esac
            if [ $json = 1 ]; then
              echo '{"id": "abc123", "title": "Live drum break", "description": "a break", "uploader": "Drum Person", "uploader_id": "@drummer", "channel_follower_count": 4200, "view_count": 999, "like_count": 88, "comment_count": 7, "thumbnail": "https://img.example/abc.jpg", "extractor_key": "Youtube", "webpage_url": "'"$url"'"}'
              exit 0
            fi
            cp '\(tone)' "$out"
            """
        let path = folder.path("yt-dlp")
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    var path: String { folder.url.path }
}

@Suite("yt-dlp present and absent")
struct YTDLPTests {
    @Test("with yt-dlp on PATH a page of another site becomes a sample with yt-dlp's metadata")
    func present() async throws {
        let fake = try FakeRapidAPI()
        let ytdlp = try FakeYTDLP(tone: fake.folder.path("tone.wav"))
        let f = try await SourcesFixture(environment: ["PATH": ytdlp.path])
        let sample = try await f.process("https://videos.example.com/watch?v=abc123&utm_source=x")
        #expect(sample.status == .completed, "\(String(describing: sample.error))")
        #expect(sample.platform == "ytdlp")
        #expect(sample.canonicalURL == "https://videos.example.com/watch?v=abc123")
        #expect(sample.title == "Live drum break")
        #expect(sample.stats == SampleStats(views: 999, likes: 88, comments: 7))
        #expect(sample.creator == "drummer")
        #expect(sample.creatorProfile == Creator(platform: "youtube", username: "drummer", displayName: "Drum Person", followers: 4200))
        #expect(abs((sample.duration ?? 0) - 2) < 0.05)
        // Direct media still goes straight to the download.
        #expect(try await f.process(f.fake.server.url("/media/tone.wav")).platform == "http")
    }

    @Test("a URL yt-dlp does not support fails as link.unsupported")
    func unsupported() async throws {
        let fake = try FakeRapidAPI()
        let ytdlp = try FakeYTDLP(tone: fake.folder.path("tone.wav"))
        let f = try await SourcesFixture(environment: ["PATH": ytdlp.path])
        let sample = try await f.process("https://example.com/unsupported/page")
        #expect(sample.error?.code == "link.unsupported")
        #expect(sample.error?.message.contains("yt-dlp") == true)
    }

    @Test("without yt-dlp a web page is refused as link.unsupported naming yt-dlp")
    func absent() async throws {
        let f = try await SourcesFixture(environment: ["PATH": "/nonexistent"])
        let sample = try await f.process(f.fake.server.url("/page"))
        #expect(sample.status == .failed)
        #expect(sample.error?.code == "link.unsupported")
        #expect(sample.error?.message.contains("yt-dlp") == true)
    }
}
