import Foundation
import Model
import Testing
@testable import TUI

/// Finished stems under their sample: rows that expand and collapse, each with its own pane,
/// waveform, play and export.
@Suite("stem rows under their sample")
struct StemRowsTests {
    /// An app whose first sample has finished drum, vocal and bass stems (asked for through the dialog).
    func appWithStems(samples: Int = 3, rows: Int = 30, cols: Int = 100) async -> (AppHarness, FakeClient) {
        let client = FakeClient.library(samples)
        var app = await AppHarness(client: client, rows: rows, cols: cols)
        await app.press("s")
        for type in [StemType.vocal, .drum, .bass] {
            while app.state.stemDialog?.focusedType != type { await app.press("down") }
            await app.press("space")
        }
        await app.press("enter")
        // The finished job folds its stems under the sample (issue 23.13); e shows them.
        await app.press("e")
        return (app, client)
    }

    @Test("a finished stem job marks its sample at once and does not unfold its stems by itself; a sample with stems is marked without resting on it")
    func stemsDoNotUnfoldByThemselves() async throws {
        let client = FakeClient.library(3)
        var app = await AppHarness(client: client, rows: 30, cols: 100)
        await app.press("s")
        while app.state.stemDialog?.focusedType != .drum { await app.press("down") }
        await app.press("space", "enter")
        let sample = try #require(app.state.selected)
        #expect(!app.state.stems.expanded.contains(sample.id))
        #expect(app.screen.line(2).contains("sample 0") && app.screen.line(2).contains("▸"), "\(app.screen.line(2))")
        #expect(app.screen.line(3).contains("sample 1"), "no stem row unfolded under it")
        #expect(app.screen.line(app.screen.rows - 1).contains("e shows them"))

        // A new app over the same library: the marker is there before the cursor rests anywhere.
        var again = await AppHarness(client: client, rows: 30, cols: 100)
        await again.press("j")
        #expect(again.screen.line(2).contains("sample 0") && again.screen.line(2).contains("▸"), "\(again.screen.line(2))")
    }

    @Test("the stems of the ready samples a page shows are asked for in one call, once each; a sample asked for before is not asked again")
    func pageStemsInOneCall() async throws {
        var app = await AppHarness(client: FakeClient.library(40), rows: 20, cols: 100)
        let listed = app.effects.compactMap { effect -> [UUID]? in
            if case .loadListedStems(let ids) = effect { return ids }
            return nil
        }
        #expect(listed.count == 1, "\(listed)")
        let shown = (0..<app.state.layout.visibleRows).compactMap { app.state.list.sample(at: $0)?.id }
        #expect(listed.first == shown && !shown.isEmpty)
        #expect(app.effects(where: { if case .loadStems = $0 { true } else { false } }).isEmpty, "no call per sample")
        // One row down: the one sample that came into view is asked for alone.
        let before = app.effects.count
        for _ in 0..<shown.count { await app.press("down") }
        let more = app.effects.dropFirst(before).compactMap { effect -> [UUID]? in
            if case .loadListedStems(let ids) = effect { return ids }
            return nil
        }
        #expect(more.flatMap { $0 }.allSatisfy { !shown.contains($0) } && !more.isEmpty, "\(more)")
    }

    @Test("a finished stem job shows its stems under the sample; e collapses and expands them; j/k walk through them")
    func expandsAndCollapses() async throws {
        var (app, _) = await appWithStems()
        let sample = try #require(app.state.selected)
        #expect(app.state.stems.expanded.contains(sample.id))
        var screen = app.screen
        #expect(screen.line(2).contains("sample 0") && screen.line(2).contains("▾"), "\(screen.line(2))")
        #expect(screen.line(3).contains("├ vocal (estimate)") && screen.line(3).contains("0:12  120 Am 8A?"),
                "\(screen.line(3))")
        #expect(screen.line(4).contains("├ drum") && !screen.line(4).contains("estimate"))
        #expect(screen.line(5).contains("└ bass (estimate)"))
        #expect(screen.line(6).contains("sample 1"))
        // The sample's pane lists its stems.
        #expect(screen.text.contains("stems (e shows them)"))
        #expect(screen.text.contains("drum   0:12 120 BPM Am 8A?"), "\(screen.text)")

        await app.press("j")
        #expect(app.state.list.cursor == 0 && app.state.list.stemCursor == 0)
        #expect(app.state.selectedStem?.type == .vocal)
        await app.press("j", "j", "j")
        #expect(app.state.list.cursor == 1 && app.state.list.stemCursor == nil)
        await app.press("k")
        #expect(app.state.list.cursor == 0 && app.state.list.stemCursor == 2 && app.state.selectedStem?.type == .bass)

        // e on a stem row collapses its sample and puts the cursor back on it.
        await app.press("e")
        #expect(!app.state.stems.expanded.contains(sample.id))
        #expect(app.state.list.cursor == 0 && app.state.list.stemCursor == nil)
        screen = app.screen
        #expect(screen.line(2).contains("▸") && screen.line(3).contains("sample 1"), "\(screen.text)")
        await app.press("tab")
        #expect(app.state.stems.expanded.contains(sample.id))
        #expect(app.screen.line(3).contains("vocal"))
    }

    @Test("a stem row shows its own waveform, tempo and key, plays like a sample and exports with d")
    func stemRowPlaysAndExports() async throws {
        var (app, _) = await appWithStems()
        await app.press("j", "j")
        let stem = try #require(app.state.selectedStem)
        #expect(stem.type == .drum)
        await app.wait(0.2)
        #expect(app.effects.contains(.loadStemPeaks(stem.id)))
        #expect(app.effects.contains(.preload(.stem(stem))))
        var text = app.screen.text
        #expect(text.contains("drum stem") && text.contains("of sample 0"), "\(text)")
        #expect(text.contains("120 BPM · A minor (8A)? · 0:12"), "\(text)")
        #expect(text.contains("█"), "the stem's waveform is drawn")
        #expect(text.contains("first export: 2 credits"), "the price the client gives, \(text)")

        await app.press("space")
        #expect(app.effects.last == .play(.stem(stem), from: 0))
        #expect(app.state.playback.playingID == stem.id)
        await app.send(.tick(now: app.now + 1, player: PlaybackSnapshot(state: .playing, position: 3, duration: 12)))
        #expect(app.screen.line(4).hasPrefix("▶ ├ drum"), "\(app.screen.line(4))")
        #expect(app.screen.text.contains("0:03/0:12"))
        // Moving to another row stops the stem's sound.
        await app.press("k")
        #expect(app.effects.last == .stop)
        await app.press("j")

        await app.press("d")
        #expect(app.screen.text.contains("Export the drum stem (costs 2 credits, later exports are free)"))
        await app.press("tab", "ctrl-u")
        await app.type("/tmp/stems")
        await app.press("enter")
        let sample = try #require(app.state.selected)
        #expect(app.effects.contains(.export(ExportRequest(subject: .stem(stem), format: .wav, folder: URL(fileURLWithPath: "/tmp/stems"),
                                                           fileName: stem.exportFileName(of: sample, .wav)))))
        text = app.screen.text
        #expect(text.contains("Exported to /tmp/stems/drum.wav"), "\(text)")
        // Counted: the pane no longer says the next export costs a credit.
        #expect(text.contains("exported 1 time") && !text.contains("first export"), "\(text)")
    }

    @Test("a failed stem export says why and leaves the default folder as it was; a successful one makes its folder the default")
    func failedExportKeepsTheFolder() async throws {
        var (app, _) = await appWithStems()
        await app.press("j", "j")
        let stem = try #require(app.state.selectedStem)
        let before = app.state.exportFolder
        await app.press("d", "tab", "ctrl-u")
        await app.type("/proc/nope")
        await app.press("enter")
        #expect(app.screen.text.contains("Cannot create the folder /proc/nope."), "\(app.screen.text)")
        #expect(app.state.exportFolder == before)
        #expect(app.state.stems.jobs[stem.sampleID]?.flatMap(\.stems).first { $0.id == stem.id }?.downloadCount == 0)
        await app.press("d")
        #expect(app.state.dialog?.fields[1].text == before, "the dialog offers the old folder again")
        await app.press("tab", "ctrl-u")
        await app.type("/tmp/stems")
        await app.press("enter")
        #expect(app.screen.text.contains("Exported to /tmp/stems/drum.wav"))
        #expect(app.state.exportFolder == "/tmp/stems")
    }

    @Test("the cursor's row stays on screen while j/k walk through expanded stems at the top and the bottom of a list longer than the screen")
    func scrollingKeepsTheCursorShown() async throws {
        var (app, _) = await appWithStems(samples: 16, rows: 20, cols: 100)
        // The last sample gets stems too (the dialog on it, drum and bass).
        await app.press("G", "s")
        for type in [StemType.drum, .bass] {
            while app.state.stemDialog?.focusedType != type { await app.press("down") }
            await app.press("space")
        }
        await app.press("enter", "e", "g")
        let height = app.state.layout.visibleRows
        let rows = 16 + 3 + 2
        #expect(height < rows)
        for step in 1..<rows {
            await app.press("j")
            #expect(app.state.shownRows(height).contains(app.state.cursorRow), "step \(step)")
        }
        // At the end: the last stem row is the last row on screen, and the screen is full.
        #expect(app.state.list.cursor == 15 && app.state.selectedStem?.type == .bass)
        #expect(app.state.shownRows(height).count == height && app.state.shownRows(height).last == app.state.cursorRow)
        let bottom = app.state.layout.list.row + height
        #expect(app.screen.line(bottom).contains("└ bass"), "\(app.screen.text)")
        for step in 1..<rows {
            await app.press("k")
            #expect(app.state.shownRows(height).contains(app.state.cursorRow), "back \(step)")
        }
        #expect(app.state.list.cursor == 0 && app.state.list.stemCursor == nil)
        #expect(app.state.list.scroll == 0 && app.state.list.scrollStem == nil)
    }

    @Test("e on a sample without stems says how to get some")
    func noStems() async {
        var app = await AppHarness(client: .library(2))
        await app.wait(0.2)
        await app.press("e")
        #expect(app.screen.line(23).contains("sample 0 has no stems yet: s asks for some"), "\(app.screen.line(23))")
    }
}
