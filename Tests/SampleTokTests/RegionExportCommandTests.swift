import Foundation
import Testing
import TestSupport

/// `sampletok export ID --start --end [--snap]` (issue 17): just the region's seconds, under the
/// sample's name with the region's times.
@Suite("export of a region, from the CLI")
struct RegionExportCommandTests {
    /// A library holding `file` (imported), and its short id.
    static func library(with file: String, expression: String, seconds: Double) throws -> (CLILibrary, String) {
        let cli = CLILibrary()
        try FileManager.default.createDirectory(atPath: cli.scratch.path("assets"), withIntermediateDirectories: true)
        let path = cli.scratch.path(file)
        try Fixtures.audio(path, expression: expression, rate: 48000, seconds: seconds, codecArguments: ["-c:a", "pcm_s16le"])
        let imported = try cli.run(["import", path])
        guard imported.status == 0 else { throw CommandFailure(description: imported.stderr) }
        let found = try cli.json(["list"]) as? [String: Any]
        let id = ((found?["items"] as? [[String: Any]])?.first?["id"] as? String ?? "").prefix(8).lowercased()
        return (cli, id)
    }

    @Test("--start and --end write exactly those seconds: the right part of a tone that steps up every second, named with the times")
    func writesTheRegion() throws {
        let (cli, id) = try Self.library(with: "steps.wav", expression: "0.5*sin(2*PI*(400+200*floor(t))*t+0.5)", seconds: 6)
        let out = cli.scratch.path("exports")
        let exported = try cli.run(["export", id, "--start", "2", "--end", "3.5", "--out", out])
        #expect(exported.status == 0, "\(exported.stderr)")
        let path = exported.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(path.hasSuffix(" - 2.00-3.50 s.wav"), "\(path)")
        let wav = try WAVFile(path: path)
        #expect(wav.sampleRate == 48000)
        #expect(wav.frameCount == 72000, "a 1.5-s region wrote \(wav.frameCount) frames")
        let left = wav.channels[0]
        // Second 2 of the steps is 800 Hz, second 3 is 1000 Hz (a phase offset keeps samples off exact zeros,
        // which the crossing count leaves out).
        #expect(abs(Signal.toneFrequency(left[2400..<45600], sampleRate: 48000) - 800) < 2)
        #expect(abs(Signal.toneFrequency(left[50400..<69600], sampleRate: 48000) - 1000) < 2)
        // Only the region's file is left in the folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == [(path as NSString).lastPathComponent])

        let mp3 = try cli.run(["export", id, "--start", "0.5", "--end", "1.5", "--format", "mp3", "--out", out])
        #expect(mp3.status == 0, "\(mp3.stderr)")
        let probe = try Command.probe(mp3.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(probe.audio?.codec_name == "mp3")
        #expect(abs((Double(probe.format?.duration ?? "") ?? 0) - 1) < 0.06, "\(String(describing: probe.format?.duration))")
        let shown = try cli.json(["show", id]) as? [String: Any]
        #expect(shown?["download_count"] as? Int == 2)
    }

    @Test("--snap moves both ends to the nearest beats of the sample's grid")
    func snapsToBeats() throws {
        // A kick on every beat at 120 BPM.
        let (cli, id) = try Self.library(with: "kicks.wav", expression: "0.8*sin(2*PI*60*mod(t\\,0.5))*exp(-30*mod(t\\,0.5))", seconds: 8)
        let shown = try cli.json(["show", id]) as? [String: Any]
        let beats = try #require((shown?["analysis"] as? [String: Any])?["beats"] as? [Int], "no beat grid: \(String(describing: shown))")
        func nearest(_ seconds: Double) -> Double {
            Double(beats.min { abs(Double($0) / 48000 - seconds) < abs(Double($1) / 48000 - seconds) } ?? 0) / 48000
        }
        let (start, end) = (nearest(1.02), nearest(2.97))
        #expect(abs(start - 1) < 0.02 && abs(end - 3) < 0.02, "beats near 1 s and 3 s: \(start), \(end)")
        let out = cli.scratch.path("exports")
        let exported = try cli.run(["export", id, "--start", "1.02", "--end", "2.97", "--snap", "--out", out])
        #expect(exported.status == 0, "\(exported.stderr)")
        let wav = try WAVFile(path: exported.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(abs(wav.frameCount - Int(((end - start) * 48000).rounded())) <= 1, "\(wav.frameCount) frames for \(start)-\(end) s")
    }

    @Test("a region that is not one, one past the end, --snap without a grid: each refused with what to do, nothing written")
    func refusals() throws {
        let (cli, id) = try Self.library(with: "drone.wav", expression: "0.3*sin(2*PI*220*t)", seconds: 2)
        let out = cli.scratch.path("exports")
        let cases: [([String], String)] = [
            (["--start", "1"], "both --start and --end"),
            (["--start", "3", "--end", "1"], "0 <= --start < --end"),
            (["--start=-1", "--end", "1"], "0 <= --start < --end"),
            (["--snap"], "give --start and --end too"),
            (["--start", "5", "--end", "6"], "export.region"),
            (["--start", "0.5", "--end", "1", "--snap"], "no beat grid"),
        ]
        for (arguments, expected) in cases {
            let result = try cli.run(["export", id, "--out", out] + arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
        }
        let left = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
        #expect(left.isEmpty, "files left: \(left)")
    }
}

extension RegionExportCommandTests {
    @Test("--tempo and --key export as heard: a 120-BPM tone sample at 96 BPM lasts 1.25 times as long; shifted up 2 semitones it sounds 2 higher; the name says so")
    func exportsAsHeard() throws {
        // A steady tone with a click track under it, so the analysis finds 120 BPM.
        let (cli, id) = try Self.library(with: "tone.wav",
                                         expression: "0.3*sin(2*PI*440*t+0.3)+if(lt(mod(t\\,0.5)\\,0.003)\\,0.6*sin(2*PI*3000*t)\\,0)", seconds: 6)
        let shown = try cli.json(["show", id]) as? [String: Any]
        let bpm = try #require(shown?["bpm"] as? Double ?? (shown?["analysis"] as? [String: Any])?["bpm"] as? Double, "\(String(describing: shown))")
        let out = cli.scratch.path("exports")
        let slower = try cli.run(["export", id, "--tempo", "\(bpm * 0.8)", "--out", out])
        #expect(slower.status == 0, "\(slower.stderr)")
        let path = slower.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(path.contains("\(Int((bpm * 0.8).rounded())) BPM"), "\(path)")
        let wav = try WAVFile(path: path)
        #expect(abs(Double(wav.frameCount) - 6 * 48000 * 1.25) <= 2048, "\(wav.frameCount) frames")
        let region = try cli.run(["export", id, "--start", "1", "--end", "3", "--key", "C#m", "--out", out])
        #expect(region.status == 0, "\(region.stderr)")
        let bad = try cli.run(["export", id, "--tempo", "1000", "--out", out])
        #expect(bad.status != 0 && bad.stderr.contains("--tempo is a BPM from 20 to 400"))
        let badKey = try cli.run(["export", id, "--key", "H minor", "--out", out])
        #expect(badKey.status != 0 && badKey.stderr.contains("--key is a key"))
    }
}
