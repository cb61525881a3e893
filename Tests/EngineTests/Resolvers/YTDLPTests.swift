@testable import Engine
import Foundation
import Model
@testable import Resolvers
import TestSupport
import Testing

/// A fake `yt-dlp` on a PATH of its own: `--dump-json` prints metadata whose `url` is
/// `/media/tone.wav` on the page's own origin (the cloud metadata address for a page whose URL
/// says `metadata`, an HLS stream for one that says `stream`), otherwise it copies a tone to the `-o` path; a URL containing
/// `unsupported` fails as yt-dlp does. Every run's arguments are appended to `runs.log`.
struct FakeYTDLP {
    let folder = Scratch("ytdlp")

    init(tone: String) throws {
        let log = folder.path("runs.log")
        let script = """
            #!/bin/sh
            echo "$*" >> '\(log)'
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
            media="$(echo "$url" | sed -E 's#^(https?://[^/]+).*#\\1#')/media/tone.wav"; protocol=http
            case "$url" in *metadata*) media=http://169.254.169.254/latest/meta-data/a.m4a ;; esac
            case "$url" in *stream*) media=https://media.example/master.m3u8; protocol=m3u8_native ;; esac
            if [ $json = 1 ]; then
              echo '{"id": "abc123", "title": "Live drum break", "description": "a break", "uploader": "Drum Person", "uploader_id": "@drummer", "channel_follower_count": 4200, "view_count": 999, "like_count": 88, "comment_count": 7, "thumbnail": "https://img.example/abc.jpg", "extractor_key": "Youtube", "webpage_url": "'"$url"'", "url": "'"$media"'", "protocol": "'"$protocol"'", "http_headers": {"User-Agent": "fake-ytdlp", "Referer": "'"$url"'"}}'
              exit 0
            fi
            cp '\(tone)' "$out"
            """
        let path = folder.path("yt-dlp")
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    var path: String { folder.url.path }

    /// The arguments of every run so far, one line each.
    var runs: [String] {
        ((try? String(contentsOfFile: folder.path("runs.log"), encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }
}

@Suite("yt-dlp present and absent")
struct YTDLPTests {
    @Test("with yt-dlp on PATH a page of another site becomes a sample with yt-dlp's metadata")
    func present() async throws {
        let fake = try FakeRapidAPI()
        let ytdlp = try FakeYTDLP(tone: fake.folder.path("tone.wav"))
        let f = try await SourcesFixture(environment: ["PATH": ytdlp.path], server: false)
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
        let f = try await SourcesFixture(environment: ["PATH": ytdlp.path], server: false)
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

    // A server: public addresses only (and the fake's port), as SourcesFixture fetches. The fake's
    // pages are named by 127.0.0.1 (links by `localhost` are the fixture's TikTok short links).

    @Test("a server without YTDLP_ALLOWED_HOSTS never runs yt-dlp: a page on a forbidden address is refused, a page elsewhere is not media")
    func serverWithoutAllowList() async throws {
        let fake = try FakeRapidAPI()
        let ytdlp = try FakeYTDLP(tone: fake.folder.path("tone.wav"))
        let f = try await SourcesFixture(environment: ["PATH": ytdlp.path])
        let loopback = try await f.process("http://127.0.0.1:9/admin/page")
        #expect(loopback.error?.code == "link.forbidden", "\(String(describing: loopback.error))")
        let page = try await f.process("http://127.0.0.1:\(f.fake.server.port)/page")
        #expect(page.error?.code == "link.unsupported")
        #expect(page.error?.message.contains("YTDLP_ALLOWED_HOSTS") == true, "\(String(describing: page.error))")
        #expect(ytdlp.runs.isEmpty, "yt-dlp ran: \(ytdlp.runs)")
    }

    @Test("a server checks an allowed site's page address before yt-dlp sees it, lets yt-dlp only extract, and fetches the file itself")
    func serverExtractsOnly() async throws {
        let fake = try FakeRapidAPI()
        let ytdlp = try FakeYTDLP(tone: fake.folder.path("tone.wav"))
        let f = try await SourcesFixture(environment: ["PATH": ytdlp.path, "YTDLP_ALLOWED_HOSTS": "127.0.0.1"])
        let port = f.fake.server.port

        // A page of an allowed site on an address the policy refuses (another port): yt-dlp never sees it.
        let forbidden = try await f.process("http://127.0.0.1:9/watch?v=1")
        #expect(forbidden.error?.code == "link.forbidden", "\(String(describing: forbidden.error))")
        #expect(ytdlp.runs.isEmpty, "yt-dlp ran: \(ytdlp.runs)")

        // An allowed page: yt-dlp extracts, the tone is fetched through Net.
        let sample = try await f.process("http://127.0.0.1:\(port)/watch?v=abc123")
        #expect(sample.status == .completed, "\(String(describing: sample.error))")
        #expect(sample.title == "Live drum break")
        #expect(abs((sample.duration ?? 0) - 2) < 0.05)
        #expect(ytdlp.runs.count == 1)
        #expect(ytdlp.runs.allSatisfy { $0.contains("--dump-json") }, "yt-dlp was asked to download: \(ytdlp.runs)")
        #expect(try await f.fake.requests("/media/tone.wav") >= 1)

        // The file yt-dlp names is fetched under the same policy: the metadata address is refused.
        let metadata = try await f.process("http://127.0.0.1:\(port)/watch?v=metadata")
        #expect(metadata.error?.code == "link.forbidden", "\(String(describing: metadata.error))")
        #expect(metadata.error?.message.contains("169.254.169.254") == true)

        // A stream (HLS) is not a file a server fetches.
        let stream = try await f.process("http://127.0.0.1:\(port)/watch?v=stream")
        #expect(stream.error?.code == "link.unsupported", "\(String(describing: stream.error))")
        #expect(ytdlp.runs.allSatisfy { $0.contains("--dump-json") })
    }
}
