import Foundation
import Testing
import TestSupport

@Suite("sampletok process: the command a user runs")
struct ProcessCommandTests {
    @Test("--json prints a summary of the source, every output, and the stage timings")
    func jsonSummary() throws {
        let scratch = Scratch("cli")
        let input = scratch.path("clip.mp4")
        try Fixtures.tiktokMP4(input, seconds: 3)
        let result = try Binary.run(["process", input, "--out", scratch.path("out"), "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let source = json?["source"] as? [String: Any]
        #expect(source?["codec"] as? String == "aac")
        #expect(source?["sample_rate"] as? Int == 44100)
        #expect(source?["channels"] as? Int == 2)
        #expect(source?["container"] as? String != nil)
        let duration = json?["duration_s"] as? Double ?? 0
        #expect(abs(duration - 3) < 0.05)
        let outputs = json?["outputs"] as? [[String: Any]] ?? []
        #expect(outputs.compactMap { $0["name"] as? String } == ["wav", "mp3", "hls", "peaks", "png"])
        for output in outputs {
            let path = scratch.path("out/\(output["path"] as? String ?? "")")
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? -1
            if output["name"] as? String != "hls" { #expect(size == output["bytes"] as? Int) }
        }
        let analysis = json?["analysis"] as? [String: Any]
        #expect(Set(analysis?.keys.map { $0 } ?? []) == ["duration_s", "bpm", "bpm_confidence", "key", "scale",
                                                       "key_confidence", "key_alternative", "camelot",
                                                       "loudness_lufs", "beats", "downbeat"])
        let stages = (json?["stages"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(Set(stages).isSuperset(of: ["decode", "wav", "mp3", "hls", "peaks", "png", "analysis"]))
        #expect(json?["wall_s"] as? Double != nil && json?["cpu_s"] as? Double != nil)
    }

    @Test("without --json it prints a readable summary")
    func textSummary() throws {
        let scratch = Scratch("cli-text")
        let input = scratch.path("tone.wav")
        try Fixtures.audio(input, expression: "0.3*sin(2*PI*440*t)", rate: 44100, seconds: 1, codecArguments: ["-c:a", "pcm_s16le"])
        let result = try Binary.run(["process", input, "--out", scratch.path("out")])
        #expect(result.status == 0)
        #expect(result.stdout.contains("audio.wav"))
        #expect(result.stdout.contains("mono_duplicated"))
    }

    @Test("a bad input exits non-zero with its dotted code on stderr and writes nothing")
    func badInputExitCode() throws {
        let scratch = Scratch("cli-bad")
        try Fixtures.randomBytes(scratch.path("noise.mp4"), count: 4096)
        let result = try Binary.run(["process", scratch.path("noise.mp4"), "--out", scratch.path("out")])
        #expect(result.status == 65)
        #expect(result.stderr.contains("media.unreadable"))
        #expect(result.stdout.isEmpty)
        #expect(scratch.contents() == ["noise.mp4"])

        let missing = try Binary.run(["process", scratch.path("nope.wav"), "--out", scratch.path("out")])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("media.not_found"))
    }

    @Test("invalid options are refused before any work, with help")
    func invalidOptions() throws {
        let result = try Binary.run(["process", "x.wav", "--out", "o", "--max-duration", "0"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--max-duration"))
        let missingOut = try Binary.run(["process", "x.wav"])
        #expect(missingOut.status != 0)
        #expect(missingOut.stderr.contains("--out"))
    }
}
