import Analysis
import Engine
import Foundation
import Media
import Playback
import Testing
import TestSupport

/// An output that keeps what it is given (and does not pace).
final class CapturingOutput: AudioOutput, @unchecked Sendable {
    private let lock = NSLock()
    private var samples: [Float] = []
    private(set) var flushes = 0
    func write(_ buffer: AudioBuffer) throws(PlaybackError) {
        lock.lock()
        samples.append(contentsOf: buffer.left)
        lock.unlock()
    }
    func flush() {
        lock.lock()
        flushes += 1
        lock.unlock()
    }
    var latency: Double { 0 }
    var left: [Float] {
        lock.lock()
        defer { lock.unlock() }
        return samples
    }
}

/// A processed tone: its HLS playlist as a file URL, and its WAV.
struct ProcessedTone {
    let scratch = Scratch("player")
    let playlist: URL
    let wav: [Float]

    init(seconds: Double = 5, frequency: Double = 440) throws {
        try self.init(seconds: seconds, expression: "0.5*sin(2*PI*\(frequency)*t)")
    }

    /// A tone from an ffmpeg `aevalsrc` expression of `t`.
    init(seconds: Double, expression: String) throws {
        let input = scratch.path("tone.wav")
        try Fixtures.audio(input, expression: expression, rate: 48000, seconds: seconds, codecArguments: ["-c:a", "pcm_s16le"])
        _ = try MediaProcessor.process(input: input, output: scratch.path("out"))
        playlist = URL(fileURLWithPath: scratch.path("out/hls/index.m3u8"))
        wav = try WAVFile(path: scratch.path("out/audio.wav")).channels[0]
    }
}

/// Waits (bounded) until the player reaches a state.
func waitFor(_ player: Player, _ states: Set<PlayerStatus.State>, seconds: Double = 20) -> PlayerStatus {
    waitFor(player, seconds: seconds) { states.contains($0.state) }
}

/// Polls the player's status (bounded) until `condition` holds, or it fails or ends.
func waitFor(_ player: Player, seconds: Double = 20, until condition: (PlayerStatus) -> Bool) -> PlayerStatus {
    let deadline = Date().addingTimeInterval(seconds)
    var status = player.status
    while !condition(status) && Date() < deadline {
        Thread.sleep(forTimeInterval: 0.002)
        status = player.status
    }
    return status
}

@Suite("the player")
struct PlayerTests {
    @Test("an HLS item plays to its end: the whole length, in order, priming skipped")
    func playsToTheEnd() throws {
        let tone = try ProcessedTone()
        let output = CapturingOutput()
        let player = Player(output: output)
        player.play(.hls(tone.playlist))
        let status = waitFor(player, [.ended, .failed])
        #expect(status.state == .ended, "\(String(describing: status.error))")
        #expect(abs(output.left.count - tone.wav.count) <= 1024)
        #expect(abs((status.duration ?? 0) - 5) < 0.1)
        #expect(status.firstAudioDelay != nil)
        let middle = 100_000..<101_000
        let error = zip(output.left[middle], tone.wav[middle]).map { abs($0 - $1) }.max() ?? 1
        #expect(error < 0.05, "played audio differs from the WAV by \(error)")
    }

    @Test("playing from a time starts at that time, inside a segment")
    func startsAtATime() throws {
        let tone = try ProcessedTone()
        let output = CapturingOutput()
        let player = Player(output: output)
        player.play(.hls(tone.playlist), from: 3)
        let status = waitFor(player, [.ended, .failed])
        #expect(status.state == .ended, "\(String(describing: status.error))")
        let expected = tone.wav.count - 3 * 48000
        #expect(abs(output.left.count - expected) <= 1024, "played \(output.left.count) frames, expected about \(expected)")
    }

    @Test("played to its end from a seek, the position is the end, not where the seek landed (issue 23.4)")
    func endedIsAtTheEnd() throws {
        let tone = try ProcessedTone(seconds: 3)
        let player = Player(output: CapturingOutput())
        player.play(.hls(tone.playlist), from: 2)
        let status = waitFor(player, [.ended, .failed])
        #expect(status.state == .ended, "\(String(describing: status.error))")
        let duration = try #require(status.duration)
        #expect(abs(status.position - duration) < 0.001, "ended at \(status.position) of \(duration) s")
        #expect(abs(duration - 3) < 0.1)
    }

    @Test("seek(to:) plays on from that time (clamped to the item), as 0-9 in the app ask")
    func seeksToATime() throws {
        let tone = try ProcessedTone()
        let output = CapturingOutput()
        let player = Player(output: output)
        player.play(.hls(tone.playlist))
        #expect(waitFor(player, [.ended, .failed]).state == .ended)
        /// The frames written by one seek, played to the end.
        func played(seekingTo time: Double) -> Int {
            let before = output.left.count
            player.seek(to: time)
            #expect(waitFor(player, [.ended, .failed]).state == .ended)
            return output.left.count - before
        }
        let fromThree = played(seekingTo: 3)
        #expect(abs(fromThree - 2 * 48000) <= 1024, "played \(fromThree) frames from 3 s of a 5 s tone")
        let pastTheEnd = played(seekingTo: 99)
        #expect(pastTheEnd <= 2400 + 1024, "a time past the end is clamped to its last 50 ms: \(pastTheEnd) frames")
        let beforeTheStart = played(seekingTo: -4)
        #expect(abs(beforeTheStart - tone.wav.count) <= 1024, "a time before the start plays it all: \(beforeTheStart) frames")
    }

    @Test("a broken playlist fails with its reason, and the player stays usable")
    func failsClearly() throws {
        let scratch = Scratch("player-bad")
        let bad = URL(fileURLWithPath: scratch.path("index.m3u8"))
        try Data("#EXTM3U\nnothing here".utf8).write(to: bad)
        let player = Player(output: CapturingOutput())
        player.play(.hls(bad))
        let status = waitFor(player, [.ended, .failed])
        #expect(status.state == .failed)
        #expect(status.error?.code == "playback.bad_playlist")
        player.play(.hls(URL(fileURLWithPath: scratch.path("missing.m3u8"))))
        #expect(waitFor(player, [.ended, .failed]).error?.code == "playback.fetch_failed")
    }

    @Test("without PulseAudio the output says why there is no sound")
    func noPulseAudio() {
        let error = #expect(throws: PlaybackError.self) {
            _ = try PulseOutput(server: "unix:/nonexistent/sampletok/native")
        }
        #expect(error?.code == "playback.no_audio_device")
    }
}
