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
        let heard = Double((loud.last ?? 0) + 240 - (loud.first ?? 0)) / 48000
        #expect(abs(heard - 2) < 0.02, "heard \(heard) s of a 2-s tone")
        let first = try #require(loud.first, "nothing was heard")
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
        #expect(heard - clock >= -0.03, "the clock said \(clock) s had been heard, but \(heard) s had")
        let paused = rig.player.status.position
        #expect(abs(paused - heard) <= 0.03, "paused at \(paused) s after \(heard) s were heard")

        rig.player.togglePause()
        #expect(waitFor(rig.player, [.ended, .failed]).state == .ended)
        let all = ToneLevels(rig.recording.waitForSilence(soundAfter: captured.count),
                             frequencies: SteppedTone.frequencies, amplitude: 0.5)
        // The second that was paused in is heard whole: nothing skipped or repeated at resume
        // beyond one device buffer (20 ms, four 5-ms blocks of the measurement). The resume point
        // is the audio clock at the pause, which leans on PulseAudio's latency estimate of that
        // moment: under load it has been 10–15 ms off. Counted in blocks (1 − 0.99 > 0.01 in Double).
        let secondOneBlocks = Int((all.seconds(of: 1) * 48000 / Double(Signal.blockFrames)).rounded())
        #expect(abs(secondOneBlocks - 48000 / Signal.blockFrames) <= 4, "second 1, paused in, was heard for \(all.seconds(of: 1)) s")
        #expect(abs(all.totalSeconds - 6) <= 0.03, "heard \(all.totalSeconds) s of a 6-s sample paused once")
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
