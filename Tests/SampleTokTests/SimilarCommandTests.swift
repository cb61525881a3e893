import Foundation
import Testing
import TestSupport

/// `sampletok similar` and `sampletok backfill-features` on a local library, through the binary.
@Suite("similar and backfill-features commands")
struct SimilarCommandTests {
    @Test("similar lists the other samples closest first with a percentage, --json and --aspect; backfill-features reports counts")
    func similarAndBackfill() throws {
        let cli = CLILibrary()
        try FileManager.default.createDirectory(atPath: cli.scratch.path("assets"), withIntermediateDirectories: true)
        for (name, frequency) in [("low hum", 55), ("lower hum", 58), ("whistle", 2400)] {
            try Fixtures.audio(cli.scratch.path("\(name).wav"), expression: "0.3*sin(2*PI*\(frequency)*t)", rate: 44100,
                               seconds: 1.5, codecArguments: ["-c:a", "pcm_s16le"])
        }
        let imported = try cli.run(["import", cli.scratch.path("low hum.wav"), cli.scratch.path("lower hum.wav"), cli.scratch.path("whistle.wav")])
        #expect(imported.status == 0, "\(imported.stderr)")
        let page = try cli.json(["list", "--search", "low hum"]) as? [String: Any]
        let id = String(((page?["items"] as? [[String: Any]])?.first?["id"] as? String ?? "").prefix(8)).lowercased()

        let text = try cli.run(["similar", id, "--aspect", "timbre"])
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2 && lines.allSatisfy { $0.contains("%") }, "\(text.stdout)")
        #expect(lines.first?.contains("lower hum") == true, "\(text.stdout)")

        let json = try cli.json(["similar", id, "--limit", "1"]) as? [String: Any]
        #expect(json?["aspect"] as? String == "all")
        #expect((json?["items"] as? [Any])?.count == 1)
        let bad = try cli.run(["similar", id, "--aspect", "loud"])
        #expect(bad.status != 0)

        let backfill = try cli.run(["backfill-features"])
        #expect(backfill.status == 0, "\(backfill.stderr)")
        #expect(backfill.stdout.contains("0 sample(s) and 0 stem(s) given a descriptor, 3 already had one"), "\(backfill.stdout)")
    }
}
