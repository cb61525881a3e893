import Foundation
import Model
import Testing
@testable import TUI

@Suite("the collections panel (c)")
struct CollectionsPanelTests {
    @Test("c opens the panel, a adds URLs as one collection, its progress updates while it is open, Enter shows the items, Esc closes")
    func addsAndFollowsACollection() async {
        let client = FakeClient.library(3)
        var app = await AppHarness(client: client, rows: 30, cols: 100)
        await app.press("c")
        #expect(app.screen.text.contains("collections"))
        #expect(app.screen.text.contains("No collections yet"))

        await app.press("a")
        #expect(app.screen.text.contains("Add a collection"))
        await app.type("https://example.com/a.mp4 https://example.com/b.mp4, https://example.com/c.mp4")
        await app.press("enter")
        #expect(app.state.dialog == nil)
        #expect(app.effects.contains(.createCollection(.urls(["https://example.com/a.mp4", "https://example.com/b.mp4",
                                                                "https://example.com/c.mp4"]))))
        var text = app.screen.text
        #expect(text.contains("3 URLs"), "\(text)")
        #expect(text.contains("running") && text.contains("0/3") && text.contains("3 cr"), "\(text)")

        // The items end; the open panel asks again by itself and shows it.
        client.finishCollections()
        await app.wait(CollectionsPanel.refreshInterval + 0.1)
        text = app.screen.text
        #expect(text.contains("finished") && text.contains("3/3 1 failed") && text.contains("2 cr"), "\(text)")

        await app.press("enter")
        text = app.screen.text
        #expect(text.contains("1. example.com/a.mp4") && text.contains("404 Not Found [fetch.http_status]"), "\(text)")
        #expect(text.contains("3. example.com/c.mp4") && text.contains("ready"), "\(text)")
        await app.press("enter")
        #expect(!app.screen.text.contains("1. example.com/a.mp4"))

        await app.press("esc")
        #expect(app.state.collectionsPanel == nil)
        #expect(!app.screen.text.contains("No collections yet") && app.screen.text.contains("sample 0"))
    }

    @Test("bad input in the add dialog is refused there; a refusal by the library is shown in the panel")
    func refusals() async {
        var app = await AppHarness(client: .library(1), rows: 30, cols: 100)
        await app.press("c", "a", "enter")
        #expect(app.screen.text.contains("Type one or more URLs"))
        await app.type("https://example.com/a.mp4 @someone")
        await app.press("enter")
        #expect(app.screen.text.contains("give either URLs or one @creator"))
        await app.press("ctrl-u")
        await app.type("@someone")
        await app.press("enter")
        #expect(app.effects.contains(.createCollection(.tiktokUser("someone"))))
        #expect(app.screen.text.contains("set RAPIDAPI_KEY"), "\(app.screen.text)")
        #expect(app.state.collectionsPanel != nil)
    }

    @Test("the panel draws at small sizes and in ASCII without going outside the grid")
    func smallSizes() async {
        for (rows, cols) in [(15, 60), (24, 80), (1, 1), (200, 40)] {
            var app = await AppHarness(client: .library(2), rows: rows, cols: cols, glyphs: .ascii)
            await app.press("c")
            #expect(app.screen.rows == rows && app.screen.cols == cols)
        }
    }
}
