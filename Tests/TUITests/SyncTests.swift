import Foundation
import Model
import Testing
@testable import TUI

/// The session's tempo and key (`t`) and syncing previews to them (`y`), issue 17.
@Suite struct SyncTests {
    /// A 96-BPM A minor sample.
    static func app(settings: AppSettings = AppSettings()) async -> AppHarness {
        await AppHarness(client: FakeClient([FakeClient.sample(title: "lofi keys", bpm: 96)]), cols: 120, settings: settings)
    }

    static func saved(_ app: AppHarness) -> AppSettings? {
        for effect in app.effects.reversed() { if case .saveSettings(let settings) = effect { return settings } }
        return nil
    }

    @Test("t sets the session's tempo and key, remembered; a tempo that is no tempo is refused in the dialog")
    func sessionDialog() async throws {
        var app = await Self.app()
        await app.press("t")
        #expect(app.screen.text.contains("Session tempo and key"))
        await app.type("fast")
        await app.press("enter")
        #expect(app.screen.text.contains("The session tempo is a BPM from 20 to 400"))
        await app.press("ctrl-u")
        await app.type("124")
        await app.press("tab", "right", "right")
        await app.press("enter")
        let settings = try #require(Self.saved(app))
        #expect(settings.sessionTempo == 124)
        #expect(settings.sessionKey == MusicalKey.all[1])
        #expect(app.state.message?.text.hasPrefix("session: 124 BPM, \(MusicalKey.all[1].description)") == true)
        let (parsed, problems) = AppSettings.parse(settings.text)
        #expect(problems.isEmpty)
        #expect(parsed.sessionTempo == 124 && parsed.sessionKey == MusicalKey.all[1] && parsed.sync == false)
    }

    @Test("Space in the tempo field taps the tempo: four taps half a second apart are 120 BPM")
    func tapTempo() async throws {
        var app = await Self.app()
        await app.press("t")
        for _ in 0..<4 {
            await app.press("space")
            await app.wait(0.5)
        }
        #expect(app.state.dialog?.fields[0].text == "120", "\(String(describing: app.state.dialog?.fields[0].text))")
        #expect(app.state.message?.text == "4 taps: 120 BPM")
        // A pause of more than two seconds starts again.
        await app.wait(3)
        await app.press("space")
        #expect(app.state.playback.taps.count == 1)
    }

    @Test("y syncs: a play is bent to the session (the player told first), the status line shows the bend, y again plays as is")
    func syncedPlay() async throws {
        var session = AppSettings()
        session.sessionTempo = 124
        session.sessionKey = try #require(MusicalKey(parsing: "Em"))
        var app = await Self.app(settings: session)
        await app.press("y")
        #expect(Self.saved(app)?.sync == true)
        let sample = try #require(app.state.selected)
        await app.press("space")
        // 96 BPM goes to 124 (not 62); A minor to E minor is 5 down... the short way: -5.
        let sync = try #require(PlaybackSync(timeRatio: 96.0 / 124, semitones: -5, tempo: 124))
        #expect(Array(app.effects.suffix(2)) == [.setSync(sync), .play(.sample(sample), from: 0)])
        await app.send(.tick(now: 101, player: PlaybackSnapshot(state: .playing, position: 1, duration: 12, sync: sync)))
        #expect(app.screen.line(23).contains("▶ 0:01/0:12 → 124 BPM, -5 st"), "\(app.screen.line(23))")
        await app.press("y")
        #expect(app.effects.last == .setSync(nil))
        #expect(Self.saved(app)?.sync == false)
        #expect(app.state.message?.text == "sync off: previews as they are")
        // A play with sync off tells the player nothing more.
        let count = app.effects.count
        await app.press("space", "space")
        #expect(!app.effects.dropFirst(count).contains { if case .setSync = $0 { true } else { false } })
    }

    @Test("y with no session tempo or key says how to set them")
    func syncWithoutSession() async {
        var app = await Self.app()
        await app.press("y")
        #expect(app.state.message?.text.contains("t sets them") == true)
        await app.press("space")
        #expect(!app.effects.contains { if case .setSync = $0 { true } else { false } })
    }
}

extension SyncTests {
    @Test("d while synced offers the sound as heard (named with the new tempo and key) or the original")
    func exportAsHeard() async throws {
        var session = AppSettings()
        session.sessionTempo = 124
        session.sessionKey = try #require(MusicalKey(parsing: "Em"))
        session.sync = true
        var app = await Self.app(settings: session)
        await app.press("d")
        #expect(app.screen.text.contains("as heard → 124 BPM, -5 st"), "\(app.screen.text)")
        await app.press("enter")
        guard case .export(let request)? = app.effects.last(where: { if case .export = $0 { true } else { false } }) else {
            Issue.record("no export: \(app.effects)")
            return
        }
        #expect(request.sync == PlaybackSync(timeRatio: 96.0 / 124, semitones: -5, tempo: 124))
        #expect(request.fileName == "lofi keys - 124 BPM - E minor.wav")
    }
}
