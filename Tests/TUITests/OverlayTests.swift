import Foundation
import Model
import Testing
@testable import TUI

/// The overlays stack: the one in front takes the keys and is the one drawn, whatever opened it.
@Suite("overlays: one in front, keys and drawing agree")
struct OverlayTests {
    @Test("the collections panel's add dialog opens over it; Esc closes the dialog, then the panel")
    func dialogOverPanel() async {
        var app = await AppHarness(client: .library(2), rows: 30, cols: 100)
        await app.press("c")
        #expect(app.state.overlays.count == 1 && app.state.frontOverlay?.collections != nil)
        await app.press("a")
        #expect(app.state.overlays.count == 2 && app.state.frontOverlay?.dialog != nil)
        #expect(app.screen.text.contains("Add a collection"))
        #expect(!app.screen.text.contains("No collections yet"), "only the front overlay is drawn")
        // A key the panel would take (j) goes to the dialog in front, as text.
        await app.press("j")
        #expect(app.state.dialog?.fields.first?.text == "j")
        await app.press("esc")
        #expect(app.state.overlays.count == 1 && app.state.collectionsPanel != nil)
        #expect(app.screen.text.contains("No collections yet"))
        await app.press("esc")
        #expect(app.state.overlays.isEmpty)
        #expect(app.screen.text.contains("sample 0"))
    }

    @Test("the help opens over the panel and takes the next key alone; the panel is still there after it")
    func helpOverPanel() async {
        var app = await AppHarness(client: .library(2), rows: 30, cols: 100)
        await app.press("c")
        var state = app.state
        state.showsHelp = true
        #expect(state.frontOverlay == .help)
        #expect(Screen.render(state).text.contains("this help"))
        _ = state.handle(.key(.character("j")))
        #expect(state.frontOverlay?.collections != nil, "the key closed the help, nothing else")
        #expect(state.collectionsPanel?.cursor == 0)
    }

    @Test("with nothing open the list takes the keys; / types into the search, not into an overlay")
    func noOverlay() async {
        var app = await AppHarness(client: .library(3), rows: 30, cols: 100)
        await app.press("j")
        #expect(app.state.list.cursor == 1)
        await app.press("/")
        await app.type("ab")
        #expect(app.state.list.isTyping && app.state.overlays.isEmpty)
    }
}
