import Foundation
import Testing
@testable import TUI

@Suite struct KeyMapTests {
    @Test func defaultsFollowTheDesign() {
        let map = KeyMap.defaults
        #expect(map.action(for: .character("j")) == .down)
        #expect(map.action(for: .down) == .down)
        #expect(map.action(for: .character(" ")) == .playPause)
        #expect(map.action(for: .enter) == .playPause)
        #expect(map.action(for: .character("/")) == .search)
        #expect(map.action(for: .control("c")) == .quit)
        for action in Action.allCases {
            let keys = map.keys(for: action)
            #expect(!keys.isEmpty)
            #expect(keys.contains { if case .function = $0 { return false } else { return true } })
        }
    }

    @Test func aFileRebindsActionsAndMovesTheirKeys() {
        let text = """
            # my keys
            [keys]
            next = ["j", "ctrl-n"]   # j plays the next sample
            'quit' = 'Q'
            help = "f1"
            """
        let (map, problems) = KeyMap.parse(text)
        #expect(map.action(for: .character("j")) == .next)
        #expect(map.action(for: .control("n")) == .next)
        // down lost j to next but keeps the arrow.
        #expect(map.keys(for: .down) == [.down])
        #expect(map.action(for: .character("Q")) == .quit)
        #expect(map.action(for: .character("q")) == nil)
        // help on an F-key only is not allowed: its default stays too.
        #expect(map.keys(for: .help) == [.function(1), .character("?")])
        #expect(problems.count == 1)
        #expect(problems.first?.contains("only by an F-key") == true)
    }

    @Test func conflictsAreReportedAndTheFirstBindingWins() {
        let (map, problems) = KeyMap.parse("add = \"x\"\nexport = \"x\"\n")
        #expect(map.action(for: .character("x")) == .add)
        #expect(problems.contains { $0.contains("line 2") && $0.contains("'x' is already bound to add") })
        #expect(problems.contains { $0.contains("export has no key left") })
    }

    @Test func badLinesGiveMessagesWithTheirLineNumbers() {
        let text = "[colors]\nflip = \"x\"\ndown = j\nup = \"ctrl-1\"\nnonsense\nquit = \"ctrl-c\"\n"
        let (map, problems) = KeyMap.parse(text)
        #expect(problems.contains { $0.contains("line 1") && $0.contains("only a [keys] table") })
        #expect(problems.contains { $0.contains("line 2") && $0.contains("unknown action 'flip'") })
        #expect(problems.contains { $0.contains("line 3") && $0.contains("needs a quoted key") })
        #expect(problems.contains { $0.contains("line 4") && $0.contains("'ctrl-1' is not a key name") })
        #expect(problems.contains { $0.contains("line 5") && $0.contains("expected action") })
        #expect(problems.contains { $0.contains("line 6") && $0.contains("ctrl-c always quits") })
        // Lines that could not be read change nothing.
        #expect(map.action(for: .character("j")) == .down)
        #expect(map.action(for: .control("c")) == .quit)
    }

    @Test func loadingAMissingFileGivesTheDefaultsAndAnUnreadableOneSaysSo() throws {
        let missing = KeyMap.load(from: URL(fileURLWithPath: "/nonexistent/keys.toml"))
        #expect(missing.map == .defaults)
        #expect(missing.problems.isEmpty)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID()).toml")
        try Data([0xFF, 0xFE, 0x00, 0x80]).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let broken = KeyMap.load(from: file)
        #expect(broken.map == .defaults)
        #expect(broken.problems.first?.contains("cannot be read as UTF-8") == true)
    }

    @Test func problemsShowInTheStatusLineAtStart() async {
        let (map, problems) = KeyMap.parse("flip = \"x\"")
        var state = AppState(location: "here", isLocal: true, keyMap: map, problems: problems)
        state.rows = 24
        state.cols = 80
        #expect(Screen.render(state).line(23).contains("unknown action 'flip'"))
    }

    @Test func keyNamesRoundTrip() {
        for name in ["j", "G", "?", "/", "+", "space", "enter", "esc", "tab", "backspace", "up", "down", "left", "right",
                     "pgup", "pgdn", "home", "end", "delete", "ctrl-r", "f5", "f12"] {
            #expect(KeyPress(name: name)?.name == name)
        }
        for bad in ["", "jj", "ctrl-", "f13", "ctrl-ä", "\u{7}"] { #expect(KeyPress(name: bad) == nil) }
    }
}
