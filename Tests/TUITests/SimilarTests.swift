import Foundation
import Model
import Testing
@testable import TUI

@Suite("neighbours in the app (m, tab, esc)")
struct SimilarTests {
    /// The screen line of the row titled `title`.
    static func row(_ app: AppHarness, _ title: String) -> String { CratesTests.row(app, title) }

    @Test("m lists the selected sample's neighbours, closest first, with a similarity column; the header names the sample and aspect")
    func listsNeighbours() async throws {
        let client = FakeClient.library(6)
        var app = await AppHarness(client: client, cols: 100)
        await app.press("j", "j")
        let chosen = try #require(app.state.selected)
        await app.press("m")
        #expect(app.state.list.similar?.sampleID == chosen.id)
        #expect(app.state.list.total == 5, "every other sample, never the one chosen")
        #expect(Self.row(app, "sample 2").isEmpty, "the sample itself is not a neighbour")
        #expect(app.state.sample(at: 0)?.title == "sample 1" && app.state.sample(at: 1)?.title == "sample 3")
        #expect(app.state.sample(at: 4)?.title == "sample 5")
        #expect(app.screen.text.contains("like sample 2 by all"), "\(app.screen.text)")
        #expect(app.screen.text.contains("sim"))
        #expect(Self.row(app, "sample 1").contains("50%"), "\(Self.row(app, "sample 1"))")
        #expect(Self.row(app, "sample 5").contains("25%"), "\(Self.row(app, "sample 5"))")
    }

    @Test("a wide list titles the column similar; ASCII glyphs draw the same")
    func wideList() async throws {
        var app = await AppHarness(client: FakeClient.library(4), cols: 180, glyphs: .ascii)
        await app.press("m")
        #expect(app.screen.text.contains("similar"), "\(app.screen.text)")
        #expect(Self.row(app, "sample 1").contains("50%"), "\(Self.row(app, "sample 1"))")
    }

    @Test("tab steps through the aspects, asking for the neighbours again each time")
    func tabSwitchesAspect() async throws {
        let client = FakeClient.library(4)
        var app = await AppHarness(client: client, cols: 100)
        await app.press("m")
        #expect(client.similarQueries.withLock { $0.last?.query.aspect } == .all)
        await app.press("tab")
        #expect(app.state.list.similar?.aspect == .timbre)
        #expect(client.similarQueries.withLock { $0.last?.query.aspect } == .timbre)
        #expect(app.screen.text.contains("like sample 0 by timbre"))
        await app.press("tab", "tab")
        #expect(app.state.list.similar?.aspect == .tonality)
        // By tonality the fake ranks the samples in the same key first (A minor: 0, 2).
        #expect(app.state.sample(at: 0)?.title == "sample 2")
        #expect(app.state.list.total == 3)
    }

    @Test("esc goes back to the library list where it was: the same cursor, search and order")
    func escapeReturns() async throws {
        let client = FakeClient.library(8)
        var app = await AppHarness(client: client, cols: 100)
        await app.press("j", "j", "j")
        await app.press("m", "j", "j")
        #expect(app.state.list.similar != nil)
        await app.press("escape")
        #expect(app.state.list.similar == nil)
        #expect(app.state.list.total == 8)
        #expect(app.state.selected?.title == "sample 3", "the cursor is back on the sample m was pressed on")
        #expect(app.screen.text.contains("sort newest"))
        #expect(!app.screen.text.contains(" sim "))
    }

    @Test("the list's filters narrow the neighbours: a tempo range typed in the search line")
    func filtersCombine() async throws {
        let client = FakeClient.library(8)
        var app = await AppHarness(client: client, cols: 100)
        await app.press("/")
        await app.type("bpm:81-83")
        await app.press("enter")
        #expect(app.state.list.total == 3)
        await app.press("m")
        let asked = try #require(client.similarQueries.withLock { $0.last?.query })
        #expect(asked.filters.bpmMin == 81 && asked.filters.bpmMax == 83)
        #expect(app.state.list.total == 2)
        #expect(Set((0..<2).compactMap { app.state.sample(at: $0)?.title }) == ["sample 2", "sample 3"])
    }

    @Test("m and its tab are in the help; the message log moved to M")
    func inTheHelp() async throws {
        var app = await AppHarness(client: FakeClient.library(2), rows: 40, cols: 100)
        await app.press("?")
        #expect(app.screen.text.contains("like this (tab: aspect)"))
        await app.press("escape", "M")
        #expect(app.state.frontOverlay == .messages(MessagesPanel()))
    }
}
