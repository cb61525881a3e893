import Foundation
import Testing
import TestSupport

/// `sampletok stems` and `sampletok me` against the real binary's `--serve`, with the local separator.
@Suite("sampletok stems … --remote, end to end", .serialized, .timeLimit(.minutes(5)))
struct StemCommandTests {
    func sampletok(_ arguments: [String], _ f: ServeFixture) throws -> CommandResult {
        var environment = f.environment
        environment["SAMPLETOK_HOME"] = f.scratch.path("no-library-here")
        return try Command.run(Binary.path, arguments, environment: environment)
    }

    @Test("stems ID --stems drum --watch, then stems list ID and me; refusals exit 65 (the same stem again, credits) and 64 (an unknown type)")
    func stemsOverRemote() async throws {
        let f = try ServeFixture()
        let server = try ServeProcess(environment: f.environment)
        let remote = ["--remote", server.url(""), "--token", f.token]
        let submitted = try sampletok(["submit", f.media.url("/files/tone.wav"), "--watch"] + remote, f)
        #expect(submitted.status == 0, "\(submitted.stderr)")
        let id = try #require(submitted.stdout.split(separator: "[").dropFirst().first?.prefix(36)).description
        let short = String(id.prefix(8))

        let requested = try sampletok(["stems", short, "--stems", "drum", "--watch"] + remote, f)
        #expect(requested.status == 0, "\(requested.stderr)")
        #expect(requested.stdout.contains("drum") && requested.stdout.contains("completed") && requested.stdout.contains("2 credits"),
                "\(requested.stdout)")
        // The watch follows the job's events; a fast step can fall between two of its polls.
        #expect(requested.stderr.contains("stem job"), "the watch drew the job: \(requested.stderr)")

        let listed = try sampletok(["stems", "list", short] + remote, f)
        #expect(listed.status == 0)
        #expect(listed.stdout.contains("stem job") && listed.stdout.contains("drum") && listed.stdout.contains("completed"), "\(listed.stdout)")
        let json = try sampletok(["stems", "list", short, "--json"] + remote, f)
        let jobs = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        let stem = (jobs?.first?["stems"] as? [[String: Any]])?.first
        #expect(stem?["type"] as? String == "drum" && stem?["status"] as? String == "completed")
        #expect((stem?["duration_s"] as? Double).map { abs($0 - 3) < 0.1 } == true)

        let me = try sampletok(["me"] + remote, f)
        #expect(me.stdout.hasPrefix("ada  1 credit ") && me.stdout.contains("stems.charge"), "\(me.stdout)")
        let again = try sampletok(["stems", short, "--stems", "drum"] + remote, f)
        #expect(again.status == 65 && again.stderr.contains("stems.already_requested"), "\(again.stderr)")
        let broke = try sampletok(["stems", short, "--stems", "bass"] + remote, f)
        #expect(broke.status == 65 && broke.stderr.contains("credits.insufficient"), "\(broke.stderr)")
        let unknown = try sampletok(["stems", short, "--stems", "kazoo"] + remote, f)
        #expect(unknown.status == 64 && unknown.stderr.contains("'kazoo' is not a stem type"))
        #expect(server.terminate(within: 15) == 0)
    }
}
