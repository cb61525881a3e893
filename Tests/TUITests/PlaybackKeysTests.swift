import Foundation
import Model
import Testing
@testable import TUI

/// Seeking by tenths and by a bigger step, and autoplay (issue 24).
@Suite("seek keys and autoplay")
struct PlaybackKeysTests {
    @Test("0-9 jump to 0-90 % of the sample playing (or play the selected one from there); shift-←/→ and H/L seek five steps")
    func seekKeys() async throws {
        var app = await AppHarness(client: .library(3))
        let first = try #require(app.state.selected)
        await app.press("space")
        await app.send(.tick(now: app.now, player: PlaybackSnapshot(state: .playing, position: 4, duration: 12)))
        await app.press("5")
        #expect(app.effects.last == .seekTo(6))
        await app.press("0")
        #expect(app.effects.last == .seekTo(0))
        await app.press("shift-right")
        #expect(app.effects.last == .seek(10))
        await app.press("H")
        #expect(app.effects.last == .seek(-10))
        await app.press("L", "shift-left")
        #expect(Array(app.effects.suffix(2)) == [.seek(10), .seek(-10)])
        #expect(app.state.playback.playingID == first.id)
        // On a sample that is not playing, a digit plays it from there.
        await app.press("j")
        let second = try #require(app.state.selected)
        await app.press("5")
        #expect(app.effects.last == .play(.sample(second), from: 6))
        #expect(app.state.playback.playingID == second.id)
        // The help lists the new keys with their steps.
        await app.press("?")
        let help = app.screen.text
        #expect(help.contains("0–9") && help.contains("seek to 0-90 %"), "\(help)")
        #expect(help.contains("⇧← H") && help.contains("seek back more 10 s"), "\(help)")
        #expect(help.contains("autoplay on / off (off)") && help.contains("past messages"), "\(help)")
    }

    @Test("A turns autoplay on and saves it; resting on a sample plays it from the start, moving away stops it")
    func autoplay() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sampletok-settings-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("sampletok/settings.toml")
        var app = await AppHarness(client: .library(3), settingsFile: file)
        await app.wait(1)
        let plays = { (app: AppHarness) in app.effects.filter { if case .play = $0 { return true } else { return false } }.count }
        #expect(plays(app) == 0, "autoplay is off by default")

        await app.press("A")
        #expect(app.state.settings.autoplay)
        #expect(app.effects.last == .saveSettings(AppSettings(autoplay: true)))
        #expect(AppSettings.load(from: file) == (AppSettings(autoplay: true), []))
        #expect(app.screen.line(23).contains("autoplay on"))

        await app.press("j")
        let second = try #require(app.state.selected)
        await app.wait(0.2)
        #expect(app.effects.contains(.preload(.sample(second))), "the rest fetches its first segment")
        #expect(plays(app) == 0)
        await app.wait(0.2)
        #expect(app.effects.last == .play(.sample(second), from: 0))
        #expect(app.state.playback.playingID == second.id)
        // Resting on longer does not start it again.
        await app.wait(2)
        #expect(plays(app) == 1)
        // Moving away stops it; the next sample plays after its rest.
        await app.press("j")
        #expect(app.effects.last == .stop)
        let third = try #require(app.state.selected)
        await app.wait(0.2)
        await app.wait(0.2)
        #expect(app.effects.last == .play(.sample(third), from: 0))

        // Off again: saved, and moving no longer plays.
        await app.press("A")
        #expect(AppSettings.load(from: file) == (AppSettings(autoplay: false), []))
        await app.press("k")
        await app.wait(0.2)
        await app.wait(0.2)
        #expect(plays(app) == 2)
    }

    @Test("the app starts with the saved setting (nothing plays until you move); a settings.toml it cannot read is reported, and the rest applies")
    func settingsFile() async {
        #expect(AppSettings.parse("# mine\nautoplay = true\n") == (AppSettings(autoplay: true), []))
        let (settings, problems) = AppSettings.parse("autoplay = yes\nvolume = 3\nautoplay=true")
        #expect(settings.autoplay)
        #expect(problems == ["settings.toml line 1: autoplay is true or false, not yes",
                             "settings.toml line 2: unknown setting 'volume' (known: \(AppSettings.names.joined(separator: ", ")))"])
        #expect(AppSettings.parse(AppSettings(autoplay: true).text).settings.autoplay)
        var app = await AppHarness(client: .library(2), settings: AppSettings(autoplay: true))
        await app.wait(1)
        #expect(app.state.playback.playingID == nil, "nothing plays before the user moves")
        await app.press("j")
        await app.wait(0.2)
        await app.wait(0.2)
        #expect(app.state.playback.playingID == app.state.selected?.id)
    }
}
