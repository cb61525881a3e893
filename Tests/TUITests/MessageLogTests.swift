import Foundation
import Model
import Testing
@testable import TUI

/// `M`: the message log keeps every status message in full (issue 24).
@Suite("the message log (M)")
struct MessageLogTests {
    @Test("a message cut short in the status line says so, and M shows it whole, newest first")
    func longMessagesReadWhole() async {
        var app = await AppHarness(client: .library(2))
        let long = "The export failed: cannot create the folder /proc/nope/with/a/very/long/path/that/goes/on because the"
            + " file system refuses it; choose another folder, for instance ~/Music/SampleTok, and try again."
        await app.send(.failed(long))
        let status = app.screen.line(23)
        #expect(status.contains("The export failed") && status.contains("(M shows all)"), "\(status)")
        await app.press("z")
        await app.press("M")
        let text = app.screen.text
        #expect(text.contains("messages"))
        #expect(text.contains("and try again."), "the end of the long message is shown:\n\(text)")
        #expect(text.contains("z does nothing"))
        // Newest first.
        let lines = app.screen.text.split(separator: "\n")
        let newest = lines.firstIndex { $0.contains("z does nothing") } ?? .max
        let older = lines.firstIndex { $0.contains("The export failed") } ?? -1
        #expect(newest < older)
        await app.press("esc")
        #expect(app.state.frontOverlay == nil)
    }

    @Test("every problem of keys.toml is listed, a reserved key among them, and the status line counts them")
    func keyMapProblems() async {
        let (map, problems) = KeyMap.parse("quit = [\"ctrl-c\", \"Q\"]\nfrobnicate = \"z\"\nsearch = \"q q\"\n")
        #expect(problems.count >= 3, "\(problems)")
        #expect(problems.contains { $0.contains("line 1") && $0.contains("ctrl-c always quits; it cannot be bound") })
        var app = await AppHarness(client: .library(2), keyMap: map, problems: problems)
        let status = app.screen.line(23)
        #expect(status.contains("\(problems.count) problems, M lists them: keys.toml line "), "\(status)")
        await app.press("M")
        let text = app.screen.text
        for line in [1, 2, 3] { #expect(text.contains("keys.toml line \(line)"), "line \(line):\n\(text)") }
        #expect(text.split(separator: "\n").contains { $0.contains("│ now ") && $0.contains("keys.toml line") },
                "shown when the app started:\n\(text)")
        await app.press("M")
        #expect(app.state.frontOverlay == nil)
    }
}
