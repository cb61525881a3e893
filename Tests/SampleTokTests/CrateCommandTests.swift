import Foundation
import Testing
import TestSupport

/// The crate and star commands on a local library, as a user runs them.
@Suite("the crate and star commands")
struct CrateCommandTests {
    @Test("crate make, add --at, move, remove, show, list, export --format wav with crate.m3u8; star and list --starred")
    func crateRoundTrip() throws {
        let cli = CLILibrary()
        try FileManager.default.createDirectory(atPath: cli.scratch.path("in"), withIntermediateDirectories: true)
        for (name, frequency) in [("kick", 55), ("snare", 220), ("hat", 880)] {
            try Fixtures.audio(cli.scratch.path("in/\(name).wav"), expression: "0.3*sin(2*PI*\(frequency)*t)", rate: 44100,
                               seconds: 1, codecArguments: ["-c:a", "pcm_s16le"])
        }
        #expect(try cli.run(["import", cli.scratch.path("in")]).status == 0)
        let samples = try #require(try cli.json(["list"]) as? [String: Any])["items"] as? [[String: Any]] ?? []
        var ids: [String: String] = [:]
        for sample in samples {
            if let title = sample["title"] as? String, let id = sample["id"] as? String { ids[title] = String(id.prefix(8)) }
        }
        let (kick, snare, hat) = try (#require(ids["kick"]), #require(ids["snare"]), #require(ids["hat"]))

        let made = try cli.run(["crate", "make", "Set One", kick, snare])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try cli.run(["crate", "add", "Set One", hat, "--at", "1"]).status == 0)
        #expect(try cli.run(["crate", "move", "set one", kick, "3"]).status == 0)
        let shown = try #require(try cli.json(["crate", "show", "Set One"]) as? [String: Any])
        let order = (shown["items"] as? [[String: Any]] ?? []).compactMap { ($0["sample"] as? [String: Any])?["title"] as? String }
        #expect(order == ["hat", "snare", "kick"])
        let taken = try cli.run(["crate", "make", "Set One"])
        #expect(taken.status != 0 && taken.stderr.contains("crate.name_taken"), "\(taken.stderr)")

        let out = cli.scratch.path("out")
        let exported = try cli.run(["crate", "export", "Set One", "--format", "wav", "--to", out])
        #expect(exported.status == 0, "\(exported.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files.count == 4 && files.last == "crate.m3u8", "\(files)")
        #expect(files.prefix(3).map { String($0.prefix(3)) } == ["01 ", "02 ", "03 "])
        let playlist = try String(contentsOfFile: "\(out)/crate.m3u8", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(playlist == ["#EXTM3U", "#EXTINF:1,hat", files[0], "#EXTINF:1,snare", files[1], "#EXTINF:1,kick", files[2]])

        #expect(try cli.run(["crate", "remove", "Set One", snare]).status == 0)
        let list = try #require(try cli.json(["crate", "list"]) as? [[String: Any]])
        #expect(list.map { $0["count"] as? Int } == [2])

        #expect(try cli.run(["star", snare]).status == 0)
        let starred = try #require(try cli.json(["list", "--starred"]) as? [String: Any])
        #expect((starred["items"] as? [[String: Any]])?.compactMap { $0["title"] as? String } == ["snare"])
        #expect(try cli.run(["star", "--off", snare]).status == 0)
        #expect((try cli.json(["list", "--starred"]) as? [String: Any])?["total"] as? Int == 0)
        #expect(try cli.run(["crate", "delete", "Set One"]).status == 0)
        #expect(try cli.run(["crate", "show", "Set One"]).stderr.contains("crate.not_found"))
    }
}
