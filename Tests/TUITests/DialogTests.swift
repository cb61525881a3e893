import Foundation
import Model
import Testing
@testable import TUI

@Suite struct DialogTests {
    @Test func addingAURLFollowsTheJobUntilTheSampleIsInTheList() async {
        var app = await AppHarness(client: .library(3))
        await app.press("a")
        #expect(app.screen.text.contains("Add a URL or a file"))
        await app.type("https://example.com/clip.mp4")
        #expect(app.screen.text.contains("https://example.com/clip.mp4_"))
        await app.press("enter")
        #expect(app.state.dialog == nil)
        #expect(app.effects.contains(.submit("https://example.com/clip.mp4")))
        #expect(app.screen.line(0).contains("4 samples"))
        let jobs = app.state.layout.jobs
        let row = app.screen.line(jobs.row + 1)
        #expect(row.contains("example.com/clip.mp4"))
        #expect(row.contains("done"))
        #expect(row.contains("100%"))
        #expect(row.contains("in the library"))
        #expect(app.screen.text.contains("new clip"))
        // The finished row goes away after a while.
        await app.wait(JobsState.finishedSeconds + 1)
        #expect(app.screen.text.contains("no jobs"))
    }

    @Test func aRefusedURLShowsTheErrorInTheJobsPaneAndTheStatusLine() async {
        var app = await AppHarness(client: .library(3))
        await app.press("a")
        await app.type("ftp://nope")
        await app.press("enter")
        let screen = app.screen
        #expect(screen.line(app.state.layout.jobs.row + 1).contains("failed"))
        #expect(screen.line(screen.rows - 1).contains("is not a link SampleTok can take"))
        // The next key clears the error from the status line.
        await app.press("j")
        #expect(!app.screen.line(screen.rows - 1).contains("is not a link"))
    }

    @Test func anEmptyAddIsRefusedInTheDialog() async {
        var app = await AppHarness(client: .library(1))
        await app.press("a", "enter")
        #expect(app.state.dialog != nil)
        #expect(app.screen.text.contains("Type a URL or the path of a file."))
        await app.press("esc")
        #expect(app.state.dialog == nil)
        #expect(app.effects(where: { if case .submit = $0 { return true } else { return false } }).isEmpty)
    }

    @Test func filtersNarrowByTempoKeyAndStatus() async {
        var app = await AppHarness(client: .library(40))
        await app.press("f")
        #expect(app.screen.text.contains("Filters"))
        await app.type("90")
        await app.press("tab")
        await app.type("99")
        await app.press("tab")
        await app.type("Am")
        await app.press("enter")
        #expect(app.state.dialog == nil)
        // 90…99 BPM are samples 10…19; half of them are in A minor.
        #expect(app.screen.line(0).contains("5 samples"))
        #expect(app.screen.line(0).contains("bpm 90-99"))
        #expect(app.screen.line(0).contains("key Am"))
        // Compatible keys: A minor mixes with C major (its relative).
        await app.press("f", "tab", "tab")
        await app.press("ctrl-u")
        await app.press("tab")
        await app.type("8A")
        await app.press("enter")
        #expect(app.screen.line(0).contains("10 samples"))
        #expect(app.screen.line(0).contains("mixes Am 8A"))
    }

    @Test func badFilterValuesAreExplainedAndKeepTheDialogOpen() async {
        var app = await AppHarness(client: .library(5))
        await app.press("f")
        await app.type("fast")
        await app.press("enter")
        #expect(app.screen.text.contains("'fast' is not a tempo"))
        await app.press("ctrl-u")
        await app.type("120")
        await app.press("tab")
        await app.type("100")
        await app.press("enter")
        #expect(app.screen.text.contains("upside down"))
        await app.press("ctrl-u", "tab", "tab")
        await app.type("H#")
        await app.press("enter")
        #expect(app.screen.text.contains("'H#' is not a key"))
        #expect(app.state.list.query.bpmMin == nil)
    }

    @Test func exportAsksForFormatAndFolder() async {
        var app = await AppHarness(client: .library(2))
        await app.press("d")
        #expect(app.screen.text.contains("‹ wav ›"))
        await app.press("right")
        #expect(app.screen.text.contains("‹ mp3 ›"))
        await app.press("tab", "ctrl-u")
        await app.type("/tmp/out")
        await app.press("enter")
        let exports = app.effects(where: { if case .export = $0 { return true } else { return false } })
        #expect(exports == [.export(app.state.selected?.id ?? UUID(), .mp3, folder: URL(fileURLWithPath: "/tmp/out"))])
        #expect(app.screen.line(23).contains("Exported to /tmp/out/sample 0.mp3"))
    }

    @Test func helpShowsTheLiveKeyMap() async {
        let (map, problems) = KeyMap.parse("[keys]\nquit = [\"x\"]\nsearch = \"z\"\n")
        #expect(problems.isEmpty)
        var app = await AppHarness(client: .library(2), keyMap: map)
        await app.press("?")
        let text = app.screen.text
        #expect(text.contains("keys"))
        #expect(text.contains("x"))
        #expect(text.contains("search as you type"))
        #expect(text.contains("seek back 2 s"))
        #expect(app.screen.line(23).contains("z search"))
        #expect(app.screen.line(23).contains("x quit"))
        await app.press("x")
        #expect(!app.state.showsHelp)
        #expect(!app.state.isQuitting)
        await app.press("x")
        #expect(app.state.isQuitting)
    }
}
