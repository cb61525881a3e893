import Foundation
import Net
import Testing
import TestSupport

/// The library commands with `--remote`, against the real binary's `--serve` (and `--listen`).
@Suite("sampletok … --remote URL --token T, end to end", .serialized, .timeLimit(.minutes(5)))
struct RemoteCommandTests {
    /// Runs `sampletok arguments` in the fixture's environment, without SAMPLETOK_HOME when
    /// `local` is false (so nothing can fall back on a local library).
    func sampletok(_ arguments: [String], _ f: ServeFixture, local: Bool = false) throws -> CommandResult {
        var environment = f.environment
        if !local { environment["SAMPLETOK_HOME"] = f.scratch.path("no-library-here") }
        return try Command.run(Binary.path, arguments, environment: environment)
    }

    @Test("submit --watch, list, show, export, jobs and me work on a server and print what they print locally")
    func commandsOverRemote() async throws {
        let f = try ServeFixture()
        let server = try ServeProcess(environment: f.environment)
        let remote = ["--remote", server.url(""), "--token", f.token]
        let url = f.media.url("/files/tone.wav")

        let submitted = try sampletok(["submit", url, "--watch"] + remote, f)
        #expect(submitted.status == 0, "\(submitted.stderr)")
        #expect(submitted.stdout.contains("status     completed"))
        #expect(submitted.stdout.contains("source     \(url)"))
        let id = try #require(submitted.stdout.split(separator: "[").dropFirst().first?.prefix(36)).description
        let short = String(id.prefix(8))

        let again = try sampletok(["submit", url] + remote, f)
        #expect(again.stdout.contains("\(short)  (already in the library: completed)"))

        // The same rows and jobs as the local library the server serves.
        for command in [["list"], ["list", "--search", "tone", "--json"], ["jobs", "--all"]] {
            let overHTTP = try sampletok(command + remote, f)
            let local = try sampletok(command + ["--home", f.scratch.path("home")], f, local: true)
            #expect(overHTTP.status == 0 && local.status == 0, "\(command): \(overHTTP.stderr) \(local.stderr)")
            if command.contains("--json") {
                // Locally the files have no URLs; otherwise the page is the same.
                let strip = { (text: String) in text.split(separator: "\n").filter { !$0.contains("\"url\"") }.joined(separator: "\n") }
                #expect(strip(overHTTP.stdout).replacingOccurrences(of: ",\n", with: "\n") == strip(local.stdout).replacingOccurrences(of: ",\n", with: "\n"))
            } else {
                #expect(overHTTP.stdout == local.stdout, "\(command)")
            }
        }
        let list = try sampletok(["list"] + remote, f)
        #expect(list.stdout.contains(short) && list.stdout.contains("completed") && list.stdout.contains("1 of 1 sample(s)"))

        let shown = try sampletok(["show", short] + remote, f)
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("[\(id)]"))
        #expect(shown.stdout.contains(server.url("/files/")), "file URLs on the server")

        let out = f.scratch.path("exports")
        let exported = try sampletok(["export", short, "--format", "mp3", "--out", out] + remote, f)
        #expect(exported.status == 0, "\(exported.stderr)")
        let path = exported.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(path.hasPrefix(out) && path.hasSuffix(".mp3"))
        let sample = try await f.sample(id, from: server)
        let mp3 = try #require(((sample["files"] as? [String: Any])?["mp3"] as? [String: Any])?["url"] as? String)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == (try await f.http.send(.get(mp3))).body)
        #expect(try await f.sample(id, from: server)["download_count"] as? Int == 1)

        let jobs = try sampletok(["jobs", "--all"] + remote, f)
        #expect(jobs.stdout.contains(short) && jobs.stdout.contains("done"))

        // A server retries only failed samples: a completed one keeps serving its files.
        let retried = try sampletok(["retry", short, "--watch"] + remote, f)
        #expect(retried.status != 0 && retried.stderr.contains("only a failed sample can be retried"), "\(retried.stderr)")
        #expect(try await f.sample(id, from: server)["status"] as? String == "completed")

        let me = try sampletok(["me", "--json"] + remote, f)
        let account = try JSONSerialization.jsonObject(with: Data(me.stdout.utf8)) as? [String: Any]
        let user = account?["user"] as? [String: Any]
        #expect(user?["name"] as? String == "ada")
        #expect(user?["credits"] as? Int == 3)
        #expect(account?["balance"] as? Int == 3)
        #expect((account?["ledger"] as? [[String: Any]])?.first?["reason"] as? String == "account.open")
        let meText = try sampletok(["me"] + remote, f)
        #expect(meText.stdout.hasPrefix("ada  3 credits") && meText.stdout.contains("+3") && meText.stdout.contains("account.open"),
                "the balance, then the ledger: \(meText.stdout)")

        // Errors: the same codes and exit statuses as locally.
        let unknown = try sampletok(["show", "ffffffff"] + remote, f)
        #expect(unknown.status == 65 && unknown.stderr.contains("error: sample.not_found"))
        let badToken = try sampletok(["me", "--remote", server.url(""), "--token", "nope"], f)
        #expect(badToken.status == 65 && badToken.stderr.contains("error: auth.invalid_token"))
        let path404 = try sampletok(["submit", "/etc/hostname"] + remote, f)
        #expect(path404.status == 65 && path404.stderr.contains("error: link.unsupported"))
        #expect(server.terminate(within: 15) == 0)
        let down = try sampletok(["list"] + remote, f)
        #expect(down.status == 69)
        #expect(down.stderr.contains("error: remote.unreachable") && down.stderr.contains(server.url("")))
    }

    @Test("collection add, list, show --watch and reset over --remote: items become samples, a failed one is refunded")
    func collectionsOverRemote() async throws {
        let f = try ServeFixture()
        let server = try ServeProcess(environment: f.environment)
        let remote = ["--remote", server.url(""), "--token", f.token]
        let added = try sampletok(["collection", "add", f.media.url("/files/tone.wav"), f.media.url("/page"), "--json"] + remote, f)
        #expect(added.status == 0, "\(added.stderr)")
        let made = try #require(try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any])
        let id = try #require(made["id"] as? String).lowercased()
        #expect(made["credits_charged"] as? Int == 2)

        let watched = try sampletok(["collection", "show", String(id.prefix(8)), "--watch"] + remote, f)
        #expect(watched.status == 0, "\(watched.stderr)")
        #expect(watched.stdout.contains("finished"))
        #expect(watched.stdout.contains("1 completed · 0 processing · 0 pending · 1 failed"))
        #expect(watched.stdout.contains("(2 credits, 1 refunded)"))
        #expect(watched.stdout.contains("link.unsupported"), "the failed item says why")

        let list = try sampletok(["collection", "list"] + remote, f)
        #expect(list.stdout.hasPrefix(String(id.prefix(8))))
        let me = try sampletok(["me"] + remote, f)
        #expect(me.stdout.hasPrefix("ada  2 credits"), "3 - 2 + 1: \(me.stdout)")
        let reset = try sampletok(["collection", "reset", id] + remote, f)
        #expect(reset.status != 0 && reset.stderr.contains("collection.finished"))
        let usage = try sampletok(["collection", "add"] + remote, f)
        #expect(usage.status == 64 && usage.stderr.contains("--tiktok-user"))
        _ = server.terminate(within: 15)
    }

    @Test("SAMPLETOK_REMOTE and SAMPLETOK_TOKEN stand for the flags; --home with --remote and --token alone are usage errors")
    func environmentAndUsage() async throws {
        let f = try ServeFixture()
        let server = try ServeProcess(environment: f.environment)
        var environment = f.environment
        environment["SAMPLETOK_HOME"] = f.scratch.path("elsewhere")
        environment["SAMPLETOK_REMOTE"] = server.url("")
        environment["SAMPLETOK_TOKEN"] = f.token
        let me = try Command.run(Binary.path, ["me"], environment: environment)
        #expect(me.status == 0 && me.stdout.hasPrefix("ada  3 credits"), "\(me.stderr)")
        let mixed = try sampletok(["list", "--remote", server.url(""), "--home", f.scratch.path("home")], f)
        #expect(mixed.status == 64 && mixed.stderr.contains("--home and --workers are for the local library"))
        let lonely = try sampletok(["list", "--token", f.token], f)
        #expect(lonely.status == 64 && lonely.stderr.contains("--token needs --remote"))
        let badURL = try sampletok(["list", "--remote", "ftp://somewhere"], f)
        #expect(badURL.status == 65 && badURL.stderr.contains("error: remote.invalid_url"))
        _ = server.terminate(within: 15)
    }

    @Test("--listen serves the local library with its workers: a client submits over HTTP and the local commands see the sample")
    func listen() async throws {
        let f = try ServeFixture()
        let home = f.scratch.path("home")
        let server = try ServeProcess(environment: f.environment, arguments: ["--listen", "127.0.0.1:0", "--workers", "1"])
        let remote = ["--remote", server.url(""), "--token", f.token]
        let submitted = try sampletok(["submit", f.media.url("/files/tone.wav"), "--watch"] + remote, f)
        #expect(submitted.status == 0 && submitted.stdout.contains("status     completed"), "\(submitted.stderr)")
        let local = try sampletok(["list", "--home", home], f, local: true)
        #expect(local.stdout.contains("completed") && local.stdout.contains("1 of 1 sample(s)"))
        let usage = try sampletok(["--listen", "127.0.0.1:0", "--serve"], f)
        #expect(usage.status == 64 && usage.stderr.contains("--serve and --listen are two modes"))
        let bad = try sampletok(["--listen", "no-port-here"], f)
        #expect(bad.status == 64)
        #expect(server.terminate(within: 15) == 0)
    }
}
