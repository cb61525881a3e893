import Analysis
import Engine
import Foundation
import Media
import Testing
import TestSupport

@Suite("process: hostile input gets a clear code and leaves the output folder untouched")
struct BadInputTests {
    static let cases: [(code: String, name: String, make: @Sendable (String) throws -> Void)] = [
        ("media.not_found", "missing.mp4", { _ in }),
        ("media.empty", "empty.mp4", { try Data().write(to: URL(fileURLWithPath: $0)) }),
        ("media.unreadable", "random.mp4", { try Fixtures.randomBytes($0, count: 65536) }),
        ("media.no_audio", "video-only.mp4", { path in
            try Command.ffmpeg(["-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-t", "1", "-c:v", "libx264",
                                "-preset", "ultrafast", "-pix_fmt", "yuv420p", path])
        }),
        ("media.corrupt", "truncated.mp4", { path in
            try Fixtures.tiktokMP4(path, seconds: 4)
            try Fixtures.truncate(path, to: 0.6)
        }),
        ("media.corrupt", "truncated-faststart.mp4", { path in
            let whole = path + ".whole.mp4"
            try Fixtures.tiktokMP4(whole, seconds: 6)
            try Command.ffmpeg(["-i", whole, "-c", "copy", "-movflags", "+faststart", path])
            try FileManager.default.removeItem(atPath: whole)
            try Fixtures.truncate(path, to: 0.5)
        }),
        ("media.corrupt", "mostly-garbage.mp3", { path in
            try Fixtures.audio(path, expression: "0.5*sin(2*PI*440*t)", rate: 44100, seconds: 10,
                               codecArguments: ["-c:a", "libmp3lame", "-b:a", "128k"])
            try Fixtures.damage(path, at: [0.1], length: 1 << 30)
        }),
    ]

    @Test("each bad input gives its code", arguments: 0..<cases.count)
    func badInput(index: Int) throws {
        let bad = Self.cases[index]
        let inputs = Scratch("bad-in")
        let input = inputs.path(bad.name)
        try bad.make(input)
        let outputs = try prefilledOutput()
        let error = #expect(throws: MediaError.self) {
            try MediaProcessor.process(input: input, output: outputs.path("out"))
        }
        #expect(error?.code == bad.code, "\(bad.name): \(String(describing: error))")
        #expect(error?.message.isEmpty == false)
        expectUntouched(outputs)
    }

    @Test("input longer than the limit is refused as media.too_long")
    func tooLong() throws {
        let inputs = Scratch("long")
        let input = inputs.path("long.wav")
        try Fixtures.audio(input, expression: "0.1*sin(2*PI*440*t)", rate: 8000, seconds: 3, codecArguments: ["-c:a", "pcm_s16le"])
        let outputs = try prefilledOutput()
        let options = ProcessOptions(limits: DecodeLimits(maxDuration: 2))
        let error = #expect(throws: MediaError.self) {
            try MediaProcessor.process(input: input, output: outputs.path("out"), options: options)
        }
        #expect(error?.code == "media.too_long")
        expectUntouched(outputs)
    }

    @Test("an output path under a file is output.unwritable")
    func unwritableOutput() throws {
        let scratch = Scratch("unwritable")
        let input = scratch.path("a.wav")
        try Fixtures.audio(input, expression: "0.1*sin(2*PI*440*t)", rate: 48000, seconds: 1, codecArguments: ["-c:a", "pcm_s16le"])
        try Data("x".utf8).write(to: URL(fileURLWithPath: scratch.path("file")))
        let error = #expect(throws: MediaError.self) {
            try MediaProcessor.process(input: input, output: scratch.path("file/out"))
        }
        #expect(error?.code == "output.unwritable")
    }

    /// An output folder that already holds a user's file.
    private func prefilledOutput() throws -> Scratch {
        let outputs = Scratch("bad-out")
        try FileManager.default.createDirectory(atPath: outputs.path("out"), withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: outputs.path("out/keep.txt")))
        return outputs
    }

    private func expectUntouched(_ outputs: Scratch) {
        #expect(outputs.contents() == ["out"], "no temporary folders left beside it")
        #expect(outputs.contents("out") == ["keep.txt"])
    }
}
