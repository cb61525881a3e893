import Foundation
import Model
import Testing
@testable import TUI

/// Browsing that keeps your place (issue 24): the selection through every reload, statuses that
/// follow the jobs live in one vocabulary, samples another process adds, `~` in paths.
@Suite("browsing keeps your place")
struct BrowsingTests {
    /// The title of the selected sample and its row.
    func selection(_ app: AppHarness) -> (String?, Int) { (app.state.selected?.title, app.state.list.cursor) }

    @Test("the selected sample stays selected after r, o, a filter, a search and Esc out of it")
    func selectionSurvivesReloads() async {
        var app = await AppHarness(client: .library(5))
        await app.press("j", "j", "j")
        #expect(selection(app) == ("sample 3", 3))
        await app.press("r")
        #expect(selection(app) == ("sample 3", 3))
        // Oldest first: sample 3 is now the second row, and the cursor went with it.
        await app.press("o")
        #expect(app.state.list.query.sort == .oldest)
        #expect(selection(app) == ("sample 3", 1))
        #expect(app.screen.line(3).contains("sample 3"), "the cursor's row is drawn where the sample is")
        // A filter that keeps it (80 + i BPM: 82 and up keeps samples 2, 3, 4).
        await app.press("f")
        await app.type("82")
        await app.press("enter")
        #expect(app.state.list.total == 3)
        #expect(selection(app) == ("sample 3", 1))
        // A search that keeps it, then Esc out of the search: still on it.
        await app.press("/")
        await app.type("sample 3")
        #expect(app.state.list.total == 1)
        #expect(selection(app) == ("sample 3", 0))
        await app.press("enter", "esc")
        #expect(app.state.list.query.search == nil && app.state.list.total == 3)
        #expect(selection(app) == ("sample 3", 1))
    }

    @Test("when the selected sample leaves the list, the cursor stays on the nearest row")
    func nearestRowWhenGone() async {
        var app = await AppHarness(client: .library(5))
        await app.press("G")
        #expect(selection(app) == ("sample 4", 4))
        await app.press("/")
        await app.type("sample 1")
        #expect(selection(app) == ("sample 1", 0))
        await app.press("esc")
        // sample 1 was selected in the search; it stays selected in the whole list.
        #expect(selection(app) == ("sample 1", 1))
        await app.press("j", "j")
        #expect(selection(app) == ("sample 3", 3))
        // A filter that drops sample 3 (bpm up to 82 keeps samples 0, 1, 2): the nearest row.
        await app.press("f", "tab")
        await app.type("82")
        await app.press("enter")
        #expect(app.state.list.total == 3)
        #expect(selection(app) == ("sample 2", 2))
    }

    @Test("statuses read ready / working / failed in the list, the detail pane, the filters and the messages, and follow the job live")
    func oneVocabularyLive() async throws {
        let pending = FakeClient.sample(title: "long clip", status: .pending, created: Date(timeIntervalSince1970: 1_800_000_000))
        let client = FakeClient([pending] + (0..<2).map { FakeClient.sample(title: "done \($0)") })
        var app = await AppHarness(client: client, rows: 24, cols: 120)
        let row = app.screen.line(2)
        #expect(row.contains("long clip") && row.contains("working") && !row.contains("pending"), "\(app.screen.text)")
        #expect(!app.screen.text.contains("pending"))
        // Its job reports a step: the sample is being processed (live, no reload).
        let generation = app.state.list.generation
        await app.send(.progress(ProgressEvent(sampleID: pending.id, step: "process", fraction: 0.4, message: "encoding mp3",
                                               status: .processing, sequence: 3)))
        #expect(app.state.selected?.status == .processing)
        #expect(app.state.list.generation == generation)
        await app.press("space")
        #expect(app.screen.line(23).contains("long clip is working: it can be played once it is ready"))
        // The filters speak the same words; "working" finds samples waiting for a worker too.
        await app.press("f", "tab", "tab", "tab", "tab")
        #expect(app.state.dialog?.fields[4].choices == ["any", "ready", "working", "failed"], "\(app.screen.text)")
        await app.press("right", "right")
        #expect(app.state.dialog?.fields[4].value == "working")
        await app.press("enter")
        #expect(app.state.list.query.status == .processing)
        #expect(app.state.list.total == 1)
        #expect(app.screen.line(0).contains("working"))
        await app.press("f", "tab", "tab", "tab", "tab", "right")
        #expect(app.state.dialog?.fields[4].value == "failed")
        await app.press("enter")
        #expect(app.state.list.total == 0)
    }

    @Test("every 5 s the rows are asked for again: a finished job's status and a sample another process added show without r")
    func refreshesByItself() async throws {
        let pending = FakeClient.sample(title: "long clip", status: .processing, created: Date(timeIntervalSince1970: 1_800_000_000))
        let client = FakeClient([pending] + (0..<3).map { FakeClient.sample(title: "done \($0)") })
        var app = await AppHarness(client: client, rows: 24, cols: 120)
        await app.press("j", "j")
        #expect(selection(app) == ("done 1", 2))
        client.update(pending.id) { $0.status = .completed }
        client.add(FakeClient.sample(title: "imported elsewhere", created: Date(timeIntervalSince1970: 1_900_000_000)))
        await app.wait(2)
        #expect(!app.screen.text.contains("imported elsewhere"))
        await app.wait(3.5)
        #expect(app.screen.line(0).contains("5 samples"))
        #expect(app.screen.line(2).contains("imported elsewhere"))
        #expect(app.screen.line(3).contains("long clip") && app.screen.line(3).contains("ready"), "\(app.screen.text)")
        // The new row above did not move the selection off its sample.
        #expect(selection(app) == ("done 1", 3))
    }

    @Test("~ in the add dialog and the export folder is $HOME")
    func tildeIsHome() async throws {
        var app = await AppHarness(client: .library(2))
        await app.press("a")
        await app.type("~/clips/loop.wav")
        await app.press("enter")
        #expect(app.effects.contains(.submit("\(AppHarness.home)/clips/loop.wav")))
        let sample = try #require(app.state.selected)
        await app.press("d")
        #expect(app.state.dialog?.fields[1].text == "~/Music/SampleTok")
        await app.press("enter")
        #expect(app.effects.contains { effect in
            guard case .export(let request) = effect else { return false }
            return request.sampleID == sample.id && request.folder.path == "\(AppHarness.home)/Music/SampleTok"
        })
    }
}
