import Foundation
import Model
import Playback
import Testing
import TestSupport

/// Previews bent to a session's tempo and key (issue 17), measured on what the player writes.
@Suite("the player: tempo and key sync")
struct SyncPlaybackTests {
    /// The frequency of a steady tone in `x` (the middle part, away from the edges), from its
    /// zero crossings: precise to a fraction of a cent over a second or more.
    static func pitch(_ x: [Float]) -> Double {
        let middle = x[(x.count / 4)..<(3 * x.count / 4)]
        return Signal.toneFrequency(middle, sampleRate: 48000)
    }

    static func cents(_ f: Double, _ reference: Double) -> Double { 1200 * log2(f / reference) }

    /// Plays `tone` to its end with `sync`; returns the left channel written.
    static func played(_ playlist: URL, _ sync: PlaybackSync?) throws -> [Float] {
        let output = CapturingOutput()
        let player = Player(output: output)
        player.setSync(sync)
        player.play(.hls(playlist))
        let status = waitFor(player, [.ended, .failed], seconds: 60)
        #expect(status.state == .ended, "\(String(describing: status.error))")
        #expect(status.sync == sync)
        return output.left
    }

    @Test("stretched from 120 to 100 BPM and to 140, a tone keeps its pitch within 1 cent and lasts as long as asked", arguments: [100.0, 140.0])
    func stretchKeepsPitch(tempo: Double) throws {
        let tone = try ProcessedTone(seconds: 4, expression: "0.5*sin(2*PI*440*t+0.3)")
        let sync = try #require(PlaybackSync(timeRatio: 120 / tempo, semitones: 0, tempo: tempo))
        let out = try Self.played(tone.playlist, sync)
        let expected = Double(tone.wav.count) * 120 / tempo
        #expect(abs(Double(out.count) - expected) <= 2048, "\(out.count) frames written, \(expected) expected")
        let error = Self.cents(Self.pitch(out), 440)
        #expect(abs(error) <= 1, "the stretched tone is \(error) cents off")
    }

    @Test("shifted by -5, +2 and +7 semitones, a tone moves by that many within 2 cents and keeps its length", arguments: [-5, 2, 7])
    func shiftMovesPitch(semitones: Int) throws {
        let tone = try ProcessedTone(seconds: 3, expression: "0.5*sin(2*PI*440*t+0.3)")
        let sync = try #require(PlaybackSync(timeRatio: 1, semitones: semitones))
        let out = try Self.played(tone.playlist, sync)
        #expect(abs(out.count - tone.wav.count) <= 2048, "\(out.count) frames written of \(tone.wav.count)")
        let target = 440 * pow(2, Double(semitones) / 12)
        let error = Self.cents(Self.pitch(out), target)
        #expect(abs(error) <= 2, "shifted by \(semitones): \(error) cents off \(target) Hz")
    }

    @Test("a 120-BPM click track synced to 124 BPM lands on the new grid within 5 ms over 8 bars")
    func clicksLandOnTheGrid() throws {
        // A 2-ms 2 kHz click on every beat, 8 bars (32 beats, 16 s).
        let clicks = try ProcessedTone(seconds: 16, expression: "if(lt(mod(t\\,0.5)\\,0.002)\\,0.8*sin(2*PI*2000*t)\\,0)")
        let sync = try #require(PlaybackSync(timeRatio: 120 / 124, semitones: 0, tempo: 124))
        let out = try Self.played(clicks.playlist, sync)
        // Onsets: the first sample over 0.2 after at least 100 ms below it.
        var onsets: [Double] = []
        var quietSince = -48000
        for (i, v) in out.enumerated() {
            if abs(v) > 0.2 {
                if i - quietSince > 4800 { onsets.append(Double(i) / 48000) }
                quietSince = i
            }
        }
        let beat = 60.0 / 124
        #expect(onsets.count >= 31, "found \(onsets.count) clicks of 32")
        let first = onsets.first ?? 0
        let worst = onsets.map { t in abs((t - first) - ((t - first) / beat).rounded() * beat) }.max() ?? 1
        #expect(worst <= 0.005, "a click \(worst * 1000) ms off the 124-BPM grid")
        #expect(first <= 0.005, "the first click came at \(first * 1000) ms")
    }
}

@Suite struct PlaybackSyncMatchingTests {
    @Test("the tempo goes to the session's, its half or its double, whichever is nearest; the key to the session's or its relative, the short way")
    func matching() throws {
        let am = try #require(MusicalKey(parsing: "Am")), c = try #require(MusicalKey(parsing: "C")), em = try #require(MusicalKey(parsing: "Em"))
        let g = try #require(MusicalKey(parsing: "G")), fsm = try #require(MusicalKey(parsing: "F#m"))
        let half = try #require(PlaybackSync.matching(bpm: 70, key: nil, tempo: 124, sessionKey: nil))
        #expect(half.tempo == 62 && abs(half.timeRatio - 70 / 62) < 1e-12 && half.semitones == 0)
        #expect(PlaybackSync.matching(bpm: 240, key: nil, tempo: 124, sessionKey: nil)?.tempo == 248)
        // E minor in an A minor session: up 5 (not down 7); in a C major one: A minor, up 5 too.
        #expect(PlaybackSync.matching(bpm: nil, key: em, tempo: nil, sessionKey: am)?.semitones == 5)
        #expect(PlaybackSync.matching(bpm: nil, key: em, tempo: nil, sessionKey: c)?.semitones == 5)
        // G major in an F# minor session: its relative, A major, up 2; in an A minor one, C major, up 5.
        #expect(PlaybackSync.matching(bpm: nil, key: g, tempo: nil, sessionKey: fsm)?.semitones == 2)
        // Nothing to change, or nothing known: no sync.
        #expect(PlaybackSync.matching(bpm: 124, key: am, tempo: 124, sessionKey: c) == nil)
        #expect(PlaybackSync.matching(bpm: nil, key: nil, tempo: 124, sessionKey: am) == nil)
        #expect(PlaybackSync.matching(bpm: 120, key: g, tempo: 124, sessionKey: am)?.label == "→ 124 BPM, +5 st")
    }
}
