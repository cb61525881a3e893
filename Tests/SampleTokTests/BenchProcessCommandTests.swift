import Foundation
import Testing
import TestSupport

@Suite("sampletok bench process --input: timing your own files")
struct BenchProcessCommandTests {
    @Test("each --input file gets its own wall and CPU figures and stage breakdown; no clip is generated")
    func timesEveryInput() throws {
        let scratch = Scratch("bench-process")
        let tone = scratch.path("tone.wav")
        let bass = scratch.path("bass.flac")
        try Fixtures.audio(tone, expression: "0.3*sin(2*PI*440*t)", rate: 44100, seconds: 1, codecArguments: ["-c:a", "pcm_s16le"])
        try Fixtures.audio(bass, expression: "0.6*sin(2*PI*50*t)|0.6*sin(2*PI*50*t)", rate: 48000, seconds: 1,
                           codecArguments: ["-c:a", "flac"])
        let work = scratch.path("work")
        let result = try Binary.run(["bench", "process", "--input", tone, "--input", bass, "--runs", "1", "--work", work])
        #expect(result.status == 0, "\(result.stderr)")

        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains(tone) } && lines.contains { $0.contains(bass) }, "\(result.stdout)")
        let figures = lines.filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("one pass, encoder threads") }
        #expect(figures.count == 2, "\(result.stdout)")
        for line in figures {
            let numbers = line.split(separator: " ").compactMap { Double($0) }
            #expect(numbers.count == 2 && numbers.allSatisfy { $0 > 0 }, "no wall and CPU seconds in '\(line)'")
        }
        let stages = lines.filter { $0.hasPrefix("stages (s):") }
        #expect(stages.count == 2)
        #expect(stages.allSatisfy { $0.contains("decode") && $0.contains("mp3") && $0.contains("hls") })
        let generated = (try? FileManager.default.contentsOfDirectory(atPath: work)) ?? []
        #expect(!generated.contains { $0.hasPrefix("tiktok-") }, "generated a clip: \(generated)")
    }

    @Test("a missing --input is refused with media.not_found before anything is timed")
    func missingInput() throws {
        let scratch = Scratch("bench-process-missing")
        let tone = scratch.path("tone.wav")
        try Fixtures.audio(tone, expression: "0.3*sin(2*PI*440*t)", rate: 44100, seconds: 1, codecArguments: ["-c:a", "pcm_s16le"])
        let missing = scratch.path("nope.wav")
        let result = try Binary.run(["bench", "process", "--input", tone, "--input", missing, "--runs", "1",
                                     "--work", scratch.path("work")])
        #expect(result.status == 66)
        #expect(result.stderr.contains("media.not_found") && result.stderr.contains(missing), "\(result.stderr)")
        #expect(result.stdout.isEmpty, "timed something before refusing: \(result.stdout)")
        #expect(scratch.contents() == ["tone.wav"])
    }
}
