import Foundation
import Model
import Testing
@testable import TUI

/// What the status line says about the sound: lost and back (issue 23.1), and a sample played
/// to its end (issue 23.4). The play mark shows only while sound comes out.
@Suite struct SoundStatusTests {
    static let lost = "No sound: PulseAudio is not reachable (the playback stream ended: Connection terminated). Start it, or set PULSE_SERVER."

    @Test("sound lost while playing: the play fails without the play mark; the watch's news says no sound, then that it is back")
    func lostAndBack() async {
        var app = await AppHarness(client: .library(2))
        await app.press("space")
        await app.send(.tick(now: 101, player: PlaybackSnapshot(state: .playing, position: 1, duration: 3)))
        #expect(app.screen.line(23).contains("▶ 0:01/0:03"))
        await app.send(.tick(now: 102, player: PlaybackSnapshot(state: .failed, position: 0, duration: 3, error: Self.lost)))
        let failed = app.screen.line(23)
        #expect(failed.contains("No sound: PulseAudio is not reachable"), "\(failed)")
        #expect(!failed.contains("▶"), "the play mark beside a failure: \(failed)")
        #expect(failed.contains("■ failed 0:00/0:03"), "\(failed)")

        await app.send(.audioUnavailable(Self.lost))
        #expect(app.screen.line(23).contains("no sound"))
        await app.send(.audioReady)
        let back = app.screen.line(23)
        #expect(back.contains("Sound is back"), "\(back)")
        #expect(!back.contains("no sound"), "\(back)")
        #expect(app.state.message?.isError == false)
    }

    @Test("without sound, Space tries at once; when that play is heard the app says sound is back before the watch does")
    func aPlayThatReconnects() async {
        var app = await AppHarness(client: .library(2), audioReady: false)
        await app.send(.audioUnavailable(Self.lost))
        await app.press("space")
        #expect(app.effects.contains { if case .play = $0 { return true } else { return false } })
        #expect(!app.screen.line(23).contains("▶"), "the play mark before any sound: \(app.screen.line(23))")
        await app.send(.tick(now: 101, player: PlaybackSnapshot(state: .playing, position: 1, duration: 3)))
        let line = app.screen.line(23)
        #expect(line.contains("Sound is back"), "\(line)")
        #expect(line.contains("▶ 0:01/0:03"), "\(line)")
        // The watch's news that follows says nothing twice.
        let logged = app.state.messageLog
        await app.send(.audioReady)
        #expect(app.state.messageLog == logged)
    }

    @Test("played to its end: the end time with the stop mark, not the last seek position with the play mark", arguments: [true, false])
    func endedShowsTheEnd(unicode: Bool) async {
        var app = await AppHarness(client: .library(2), glyphs: unicode ? .unicode : .ascii)
        await app.press("space")
        await app.send(.tick(now: 101, player: PlaybackSnapshot(state: .playing, position: 4, duration: 9)))
        await app.send(.tick(now: 106, player: PlaybackSnapshot(state: .ended, position: 9, duration: 9)))
        let line = app.screen.line(23)
        #expect(line.contains(unicode ? "■ ended 0:09/0:09" : "# ended 0:09/0:09"), "\(line)")
        #expect(!line.contains(unicode ? "▶" : ">"), "\(line)")
    }
}
