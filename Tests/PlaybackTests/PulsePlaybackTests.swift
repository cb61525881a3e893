import Foundation
import Playback
import Testing
import TestSupport

/// A throwaway PulseAudio daemon with a null sink, a recording of its monitor, and a player
/// writing to it.
struct PulseRig {
    let pulse: PulseServer
    let recording: MonitorRecording
    let player: Player

    init() throws {
        pulse = try PulseServer()
        recording = try pulse.record()
        player = Player(output: try PulseOutput(server: pulse.address))
    }

    /// Plays `playlist` and waits until the audio clock reaches `position`.
    func play(_ playlist: URL, until position: Double) -> PlayerStatus {
        player.play(.hls(playlist))
        return waitFor(player) { $0.position >= position || $0.state == .failed || $0.state == .ended }
    }
}

/// A 6-s tone whose pitch steps up every second (400, 600, …, 1400 Hz; amplitude 0.5), so which
/// second of the sample is sounding, and for how long, can be read from the audio itself.
struct SteppedTone {
    static let frequencies: [Double] = (0..<6).map { 400 + 200 * Double($0) }
    let tone: ProcessedTone
    var playlist: URL { tone.playlist }

    init() throws {
        // At each whole second both the old and the new tone are at a zero crossing: no click.
        tone = try ProcessedTone(seconds: 6, expression: "0.5*sin(2*PI*(400+200*floor(t))*t)")
    }
}

/// Sound through a real PulseAudio null sink, recorded from its monitor with `parec`. Times are
/// read from the recorded audio (how long each tone was heard), never from the wall clock, so
/// the server's and the recorder's latencies and any scheduling delay drop out.
@Suite("playback through PulseAudio (a null sink)", .serialized,
       .enabled(if: EndToEnd.runs(PulseServer.isInstalled), "needs pulseaudio, pactl and parec (Debian: pulseaudio, pulseaudio-utils)"))
struct PulsePlaybackTests {
    @Test("a sample's HLS stream reaches PulseAudio: the tone at its pitch, for its length")
    func playsThroughPulse() throws {
        let rig = try PulseRig()
        let tone = try ProcessedTone(seconds: 2, frequency: 523.25)
        rig.player.play(.hls(tone.playlist))
        let status = waitFor(rig.player, [.ended, .failed])
        #expect(status.state == .ended, "\(String(describing: status.error))")
        let captured = rig.recording.waitForSilence()
        let loud = stride(from: 0, to: captured.count - 240, by: 240).filter { Signal.rms(captured[$0..<($0 + 240)]) > 0.1 }
        // The blocks the tone sounded in, counted: a gap (an underrun on a busy machine plays
        // silence, then the rest) lengthens the span from first to last but loses no audio.
        let heard = Double(loud.count * 240) / 48000
        #expect(abs(heard - 2) < 0.02, "heard \(heard) s of a 2-s tone")
        let first = try #require(loud.first, "nothing was heard")
        let span = Double((loud.last ?? 0) + 240 - first) / 48000
        #expect(span >= heard - 0.005, "heard for \(heard) s within \(span) s")
        let slice = captured[(first + 4800)..<min(captured.count, first + 4800 + 48000)]
        #expect(abs(Signal.toneFrequency(slice, sampleRate: 48000) - 523.25) < 1)
        #expect(status.firstAudioDelay != nil)
    }

    @Test("pause silences the sound within 100 ms of the audio clock's position; resume goes on from there")
    func pauseSilences() throws {
        let rig = try PulseRig()
        let tone = try SteppedTone()
        #expect(rig.play(tone.playlist, until: 1.5).state == .playing)
        let clock = rig.player.status.position
        rig.player.togglePause()
        #expect(rig.player.status.state == .paused)
        let captured = rig.recording.waitForSilence(after: 0.3)
        let heard = ToneLevels(captured, frequencies: SteppedTone.frequencies, amplitude: 0.5).totalSeconds
        #expect(heard - clock <= 0.1, "the sound went on for \(heard - clock) s after pause")
        // The audio clock leans on PulseAudio's latency estimate, which a busy machine throws off
        // by tens of milliseconds (40–50 ms seen at a load of 12 on 2 cores): within 100 ms.
        #expect(heard - clock >= -0.1, "the clock said \(clock) s had been heard, but \(heard) s had")
        let paused = rig.player.status.position
        #expect(abs(paused - heard) <= 0.1, "paused at \(paused) s after \(heard) s were heard")

        rig.player.togglePause()
        #expect(waitFor(rig.player, [.ended, .failed]).state == .ended)
        let all = ToneLevels(rig.recording.waitForSilence(soundAfter: captured.count),
                             frequencies: SteppedTone.frequencies, amplitude: 0.5)
        // Resume goes on from the paused position: second 1, paused in, is heard for what sounded
        // of it before the pause plus what is left of it after `paused`, within one device buffer
        // (20 ms, four 5-ms blocks), whatever the latency estimate's error at the pause (that
        // error moves the resume point, and is bounded above). Counted in blocks.
        let blocksPerSecond = 48000 / Signal.blockFrames
        let secondOneBlocks = Int((all.seconds(of: 1) * Double(blocksPerSecond)).rounded())
        let expectedBlocks = Int((((heard - 1) + (2 - paused)) * Double(blocksPerSecond)).rounded())
        let perSecond = (0..<6).map { all.seconds(of: $0) }
        #expect(abs(secondOneBlocks - expectedBlocks) <= 4,
                "second 1 was heard for \(all.seconds(of: 1)) s; \(heard - 1) s before the pause and \(2 - paused) s left after \(paused) s")
        // Order and spans: every other second whole, each after the one before it; nothing
        // repeated or skipped.
        for second in [0, 2, 3, 4, 5] {
            #expect(abs(perSecond[second] - 1) <= 0.03, "second \(second) heard for \(perSecond[second]) s (all: \(perSecond))")
        }
        for second in 0..<5 {
            let (this, next) = (all.span(of: second), all.span(of: second + 1))
            #expect(this != nil && next != nil && (this?.upperBound ?? .max) <= (next?.lowerBound ?? 0),
                    "second \(second + 1) sounded before second \(second) had ended: \(String(describing: this)) \(String(describing: next))")
        }
    }

    @Test("a seek lands within 50 ms of its target and plays on from there")
    func seekLands() throws {
        let rig = try PulseRig()
        let tone = try SteppedTone()
        #expect(rig.play(tone.playlist, until: 1.3).state == .playing)
        let from = rig.player.status.position
        rig.player.seek(by: 2)
        // `play` sets the position to the target before it returns, while the new audio loads.
        let target = rig.player.status.position
        #expect(abs(target - from - 2) < 0.03)
        #expect(waitFor(rig.player, [.ended, .failed]).state == .ended)
        let levels = ToneLevels(rig.recording.waitForSilence(), frequencies: SteppedTone.frequencies, amplitude: 0.5)
        // The seek went into second 3 (1000 Hz); what was heard of it tells where.
        let landed = 4 - levels.seconds(of: 3)
        #expect(abs(landed - target) <= 0.05, "asked for \(target) s, landed at \(landed) s")
        #expect(levels.seconds(of: 1) - (from - 1) <= 0.1, "the old position went on sounding")
        #expect(levels.seconds(of: 2) < 0.01, "second 2 was skipped, yet heard for \(levels.seconds(of: 2)) s")
        for second in [4, 5] {
            #expect(abs(levels.seconds(of: second) - 1) <= 0.03, "second \(second) heard for \(levels.seconds(of: second)) s")
        }
    }

    @Test("switching samples stops the first at once and never plays both together")
    func switchingSamples() throws {
        let rig = try PulseRig()
        let first = try ProcessedTone(seconds: 4, frequency: 600)
        let second = try ProcessedTone(seconds: 2, frequency: 1400)
        #expect(rig.play(first.playlist, until: 1).state == .playing)
        let clock = rig.player.status.position
        rig.player.play(.hls(second.playlist))
        #expect(waitFor(rig.player, [.ended, .failed]).state == .ended)
        let levels = ToneLevels(rig.recording.waitForSilence(), frequencies: [600, 1400], amplitude: 0.5)
        #expect(levels.blocksHolding(0, and: 1).isEmpty, "both samples sounded at once")
        let a = try #require(levels.span(of: 0), "the first sample was not heard")
        let b = try #require(levels.span(of: 1), "the second sample was not heard")
        #expect(a.upperBound <= b.lowerBound, "the first sample sounded after the second had begun")
        #expect(levels.seconds(of: 0) - clock <= 0.1, "the first sample went on for \(levels.seconds(of: 0) - clock) s after the switch")
        #expect(abs(levels.seconds(of: 1) - 2) <= 0.03, "heard \(levels.seconds(of: 1)) s of the 2-s second sample")
    }
}
