import Testing
import Model
@testable import TUI

@Suite struct SearchTests {
    static let titles = ["kick loop", "snare roll", "kick and bass", "vocal chop", "kicker"]

    @Test func theListNarrowsOnEachKeyAndStaysUsable() async {
        var app = await AppHarness(client: .library(5, titles: Self.titles))
        await app.press("/")
        #expect(app.state.isTyping)
        await app.type("s")
        #expect(app.screen.line(0).contains("2 samples"))
        await app.press("backspace")
        #expect(app.screen.line(0).contains("5 samples"))
        await app.type("k")
        #expect(app.screen.line(0).contains("3 samples"))
        await app.type("ick")
        #expect(app.screen.line(0).contains("3 samples"))
        #expect(app.screen.line(0).contains("/ kick_"))
        await app.type(" a")
        #expect(app.screen.line(0).contains("1 sample "))
        #expect(app.screen.line(2).contains("kick and bass"))
        await app.press("backspace", "backspace")
        #expect(app.state.query.search == "kick")
        #expect(app.screen.line(0).contains("3 samples"))
        // Arrows move the cursor while typing; letters go to the search.
        let before = app.state.cursor
        await app.press("down")
        #expect(app.state.cursor == before + 1)
        await app.type("j")
        #expect(app.state.query.search == "kickj")
        #expect(app.screen.text.contains("No sample matches."))
    }

    @Test func enterKeepsTheSearchAndEscClearsIt() async {
        var app = await AppHarness(client: .library(5, titles: Self.titles))
        await app.press("/")
        await app.type("vocal")
        await app.press("enter")
        #expect(!app.state.isTyping)
        #expect(app.screen.line(0).contains("1 sample "))
        // Keys are actions again: j moves, it does not type.
        await app.press("j")
        #expect(app.state.query.search == "vocal")
        await app.press("esc")
        #expect(app.state.query.search == nil)
        #expect(app.screen.line(0).contains("5 samples"))
    }

    @Test func answersForAnOlderQueryAreDropped() async {
        var app = await AppHarness(client: .library(5, titles: Self.titles))
        let old = app.state.generation
        await app.press("/")
        await app.type("vocal")
        let stale = ResultPage(items: [FakeClient.sample(title: "stale")], total: 1, page: 1, limit: 200)
        await app.send(.pageLoaded(generation: old, index: 0, page: stale))
        #expect(!app.screen.text.contains("stale"))
        #expect(app.screen.text.contains("vocal chop"))
    }

    @Test("o steps from the default order (newest) through every other one and back")
    func sortCyclesThroughEveryOrder() async {
        var app = await AppHarness(client: .library(5, titles: Self.titles))
        #expect(app.screen.line(0).contains("sort newest"))
        var seen: [String] = []
        for _ in 0..<SampleSort.allCases.count {
            await app.press("o")
            seen.append(app.state.query.sort?.rawValue ?? "")
            #expect(app.screen.line(0).contains("sort \(seen.last ?? "")"))
        }
        let all = SampleSort.allCases.map(\.rawValue)
        #expect(seen == Array(all.dropFirst()) + [all[0]], "the first press must change the order")
        // Oldest first puts the last sample on top.
        await app.press("o")
        #expect(app.screen.line(2).contains("kicker"))
    }
}
