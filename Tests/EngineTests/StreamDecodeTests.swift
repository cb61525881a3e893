import Analysis
import Engine
import Foundation
import Media
import Testing
import TestSupport

/// Hands out files one after another, as a player hands out HLS segments.
final class FileSequence: ByteSource {
    private var paths: [String]
    init(_ paths: [String]) { self.paths = paths }
    func nextChunk() throws -> Data? {
        guard !paths.isEmpty else { return nil }
        return try Data(contentsOf: URL(fileURLWithPath: paths.removeFirst()))
    }
}

/// A source that fails after its first piece.
final class FailingSource: ByteSource {
    private var first: Data?
    init(_ first: Data) { self.first = first }
    func nextChunk() throws -> Data? {
        if let first {
            self.first = nil
            return first
        }
        throw CommandFailure(description: "segment 1: HTTP 500")
    }
}

@Suite("decoding a stream of HLS segments")
struct StreamDecodeTests {
    @Test("init + segments fed in pieces decode to the stream's length, priming skipped")
    func segmentsInPieces() throws {
        let scratch = Scratch("stream")
        let input = scratch.path("tone.wav")
        try Fixtures.audio(input, expression: "0.5*sin(2*PI*440*t)", rate: 48000, seconds: 5.5, codecArguments: ["-c:a", "pcm_s16le"])
        let summary = try MediaProcessor.process(input: input, output: scratch.path("out"))
        let hls = scratch.path("out/hls")
        let segments = scratch.contents("out/hls").filter { $0.hasSuffix(".m4s") }.map { "\(hls)/\($0)" }
        #expect(segments.count == 3)
        var frames = 0
        let decoder = try AudioDecoder(stream: FileSequence(["\(hls)/init.mp4"] + segments), name: "hls")
        _ = try decoder.run { frames += $0.frameCount }
        #expect(abs(frames - summary.frames) <= 1024, "stream decode gave \(frames) frames, the WAV has \(summary.frames)")
    }

    @Test("a source that fails midway ends the decode with media.unreadable and its reason")
    func failingSource() throws {
        let scratch = Scratch("stream-fail")
        let input = scratch.path("tone.wav")
        try Fixtures.audio(input, expression: "0.5*sin(2*PI*440*t)", rate: 48000, seconds: 5.5, codecArguments: ["-c:a", "pcm_s16le"])
        _ = try MediaProcessor.process(input: input, output: scratch.path("out"))
        let initData = try Data(contentsOf: URL(fileURLWithPath: scratch.path("out/hls/init.mp4")))
        let error = #expect(throws: MediaError.self) {
            let decoder = try AudioDecoder(stream: FailingSource(initData), name: "hls")
            _ = try decoder.run { _ in }
        }
        #expect(error?.code == "media.unreadable")
        #expect(error?.message.contains("HTTP 500") == true, "\(String(describing: error))")
    }
}
