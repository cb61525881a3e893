import Foundation
import Media
import Playback
import Testing
import TestSupport

/// The PulseAudio output's buffer under a starved writer, through a real null sink. The writer
/// is starved on purpose (it stalls longer than the buffer holds): the server reports the
/// underruns, which is what the output reacts to.
@Suite("the PulseAudio output's buffer under load", .serialized,
       .enabled(if: EndToEnd.runs(PulseServer.isInstalled), "needs pulseaudio and pactl (Debian: pulseaudio, pulseaudio-utils)"))
struct PulseOutputTests {
    /// 20 ms of a quiet 440 Hz tone.
    static let chunk: AudioBuffer = {
        let frames = AudioBuffer.sampleRate / 50
        return AudioBuffer(mono: (0..<frames).map { Float(0.2 * sin(2 * Double.pi * 440 * Double($0) / Double(AudioBuffer.sampleRate))) })
    }()

    /// Writes `rounds` × four chunks, stalling `stall` seconds after every fourth.
    static func starve(_ output: PulseOutput, rounds: Int, stall: Double) throws {
        for i in 0..<(rounds * 4) {
            try output.write(chunk)
            if i % 4 == 3 { Thread.sleep(forTimeInterval: stall) }
        }
    }

    /// A stall the stream's buffer surely does not cover: 50 ms more than the audio it holds now
    /// (the server may grant more than the 20 ms asked for), and at least 70 ms.
    static func stall(for output: PulseOutput) throws -> Double {
        for _ in 0..<10 { try output.write(chunk) }
        return max(0.07, output.latency + 0.05)
    }

    /// Writes steadily (the writes pace themselves) until `done` holds or `seconds` of audio went out.
    static func calm(_ output: PulseOutput, seconds: Double = 12, until done: () -> Bool) throws {
        var written = 0.0
        while !done() && written < seconds {
            try output.write(chunk)
            written += 0.02
        }
    }

    @Test("stalls longer than the buffer grow it until the same stalls no longer break the sound; calm shrinks it back")
    func bufferFollowsTheLoad() throws {
        let pulse = try PulseServer()
        let output = try PulseOutput(server: pulse.address, targetLatency: 0.02, maxLatency: 0.32, calmPeriod: 0.5)
        #expect(abs(output.bufferTarget - 0.02) < 0.001)
        let stall = try Self.stall(for: output)
        try Self.starve(output, rounds: 12, stall: stall)
        #expect(output.underruns >= 1, "a \(Int(stall * 1000))-ms stall empties the buffer")
        #expect(output.bufferTarget >= 0.04, "grown: \(output.bufferTarget) s")

        // The same stalls again, a round at a time (at most 8): once the buffer has grown past
        // them (and past what a busy machine adds to them), a whole round goes by unbroken.
        var quietRound = false
        for _ in 0..<8 where !quietRound {
            let before = output.underruns
            try Self.starve(output, rounds: 6, stall: stall)
            quietRound = output.underruns == before
        }
        #expect(quietRound, "the buffer never caught up with \(Int(stall * 1000))-ms stalls: \(output.bufferTarget) s, \(output.underruns) underruns")
        #expect(output.bufferTarget >= 0.04 && !output.isStruggling)

        try Self.calm(output) { output.bufferTarget <= 0.0201 }
        #expect(abs(output.bufferTarget - 0.02) < 0.001, "back to the small buffer when calm: \(output.bufferTarget) s")
    }

    @Test("underruns that go on at the largest buffer are reported; calm clears it; the end of a sound is no underrun")
    func strugglingIsReportedOnlyWhenItLasts() throws {
        let pulse = try PulseServer()
        let output = try PulseOutput(server: pulse.address, targetLatency: 0.02, maxLatency: 0.04, calmPeriod: 0.5)
        // A sound that ends, then silence for longer than a second, then another: the buffer
        // ran dry because nothing played, which is not a machine too busy.
        let stall = try Self.stall(for: output)
        let before = (output.underruns, output.bufferTarget)
        Thread.sleep(forTimeInterval: 1.2)
        try output.write(Self.chunk)
        #expect(output.underruns == before.0 && output.bufferTarget <= before.1, "the gap after a sound counts for nothing")

        try Self.starve(output, rounds: 8, stall: stall)
        #expect(abs(output.bufferTarget - 0.04) < 0.001, "grown to its largest")
        #expect(output.isStruggling, "\(Int(stall * 1000))-ms stalls still break the largest buffer")
        try Self.calm(output) { !output.isStruggling }
        #expect(!output.isStruggling)
    }
}
