import Foundation
import Model
import Testing
@testable import TUI

@Suite struct DialogTests {
    @Test func addingAURLFollowsTheJobUntilTheSampleIsInTheList() async {
        var app = await AppHarness(client: .library(3))
        await app.press("a")
        #expect(app.screen.text.contains("Add a URL, a file or a folder"))
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

    @Test("a dialog's error is wrapped on as many lines as it needs at 120 columns, never cut")
    func dialogErrorsWrap() async {
        var app = await AppHarness(client: .library(3), rows: 30, cols: 120)
        await app.press("f", "tab", "tab")
        await app.type("Hx-something-long")
        await app.press("enter")
        let error = "'Hx-something-long' is not a key: try Am, F# major, Bb or a Camelot code such as 8A."
        #expect(app.state.dialog?.error == error)
        let lines = TextFit.wrap(error, width: 68)
        #expect(lines.count == 2)
        for line in lines { #expect(app.screen.text.contains(line), "\(app.screen.text)") }
        #expect(!app.screen.text.contains("such as 8…"))
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

    @Test func exportAsksForFormatAndFolder() async throws {
        var app = await AppHarness(client: .library(2))
        await app.press("d")
        #expect(app.screen.text.contains("‹ wav ›"))
        await app.press("right")
        #expect(app.screen.text.contains("‹ mp3 ›"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sampletok-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        await app.press("tab", "ctrl-u")
        await app.type(folder.path)
        await app.press("enter")
        let sample = try #require(app.state.selected)
        let exports = app.effects(where: { if case .export = $0 { return true } else { return false } })
        #expect(exports == [.export(ExportRequest(subject: .sample(sample.id), format: .mp3, folder: folder,
                                                  fileName: sample.exportFileName(.mp3)))])
        #expect(app.state.message?.text.hasPrefix("Exported to \(folder.path)/sample 0 - 80 BPM - A minor.mp3") == true)
        #expect(app.effects.contains(.copyToClipboard("\(folder.path)/sample 0 - 80 BPM - A minor.mp3")), "the path goes to the clipboard")
    }

    @Test func helpShowsTheLiveKeyMap() async {
        let (map, problems) = KeyMap.parse("[keys]\nquit = [\"x\"]\nsearch = \"z\"\ndelete = \"X\"\n")
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
