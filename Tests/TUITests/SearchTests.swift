import Testing
import Model
@testable import TUI

@Suite struct SearchTests {
    static let titles = ["kick loop", "snare roll", "kick and bass", "vocal chop", "kicker"]

    @Test func theListNarrowsOnEachKeyAndStaysUsable() async {
        var app = await AppHarness(client: .library(5, titles: Self.titles))
        await app.press("/")
        #expect(app.state.list.isTyping)
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
        #expect(app.state.list.query.search == "kick")
        #expect(app.screen.line(0).contains("3 samples"))
        // Arrows move the cursor while typing; letters go to the search.
        let before = app.state.list.cursor
        await app.press("down")
        #expect(app.state.list.cursor == before + 1)
        await app.type("j")
        #expect(app.state.list.query.search == "kickj")
        #expect(app.screen.text.contains("No sample matches."))
    }

    @Test("a search starts at its best match: typed deep in the list, the cursor goes to the first row, and only the first rows are asked for")
    func searchStartsAtTheTop() async {
        var app = await AppHarness(client: .library(1500))
        await app.press("G")
        #expect(app.state.list.cursor == 1499)
        await app.press("/")
        let before = app.effects.count
        await app.type("sample 1")
        let pages = app.effects[before...].compactMap { effect -> Int? in
            if case .loadPage(let query, _) = effect { return query.page }
            return nil
        }
        #expect(pages.count == "sample 1".count && pages.allSatisfy { $0 == 1 }, "pages asked for: \(pages)")
        #expect(app.state.list.cursor == 0 && app.state.list.scroll == 0)
        #expect(app.state.selected?.title == app.state.list.sample(at: 0)?.title)
        #expect(app.screen.text.contains(app.state.list.sample(at: 0)?.title ?? "?"))
        // Esc out of it keeps the sample found, as every reload does.
        let found = app.state.selected?.title
        await app.press("esc")
        #expect(app.state.list.query.search == nil && app.state.list.total == 1500)
        #expect(app.state.selected?.title == found)
    }

    @Test("/ asks the library to get ready for the search, before its first key")
    func slashPreparesTheSearch() async {
        var app = await AppHarness(client: .library(5, titles: Self.titles))
        await app.press("/")
        #expect(app.effects.last == .prepareSearch)
    }

    @Test func enterKeepsTheSearchAndEscClearsIt() async {
        var app = await AppHarness(client: .library(5, titles: Self.titles))
        await app.press("/")
        await app.type("vocal")
        await app.press("enter")
        #expect(!app.state.list.isTyping)
        #expect(app.screen.line(0).contains("1 sample "))
        // Keys are actions again: j moves, it does not type.
        await app.press("j")
        #expect(app.state.list.query.search == "vocal")
        await app.press("esc")
        #expect(app.state.list.query.search == nil)
        #expect(app.screen.line(0).contains("5 samples"))
    }

    @Test func answersForAnOlderQueryAreDropped() async {
        var app = await AppHarness(client: .library(5, titles: Self.titles))
        let old = app.state.list.generation
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
            seen.append(app.state.list.query.sort?.rawValue ?? "")
            #expect(app.screen.line(0).contains("sort \(seen.last ?? "")"))
        }
        let all = SampleSort.allCases.map(\.rawValue)
        #expect(seen == Array(all.dropFirst()) + [all[0]], "the first press must change the order")
        // Oldest first puts the last sample on top.
        await app.press("o")
        #expect(app.screen.line(2).contains("kicker"))
    }

    @Test("fields in the search line narrow the list beside the words: bpm:, key:, camelot:, status:; one that cannot be read says why")
    func fieldsInTheSearch() async {
        // sample i is at 80 + i BPM, in A minor (8A) when i is even, else C major (8B).
        var app = await AppHarness(client: .library(12))
        await app.press("/")
        await app.type("bpm:82-85")
        #expect(app.state.list.total == 4)
        await app.type(" key:Am")
        #expect(app.state.list.total == 2)
        #expect(app.screen.text.contains("sample 2") && app.screen.text.contains("sample 4"))
        await app.press("ctrl-u")
        await app.type("camelot:8B sample 1")
        #expect(app.state.list.total == 2, "sample 1 and sample 11")
        await app.press("ctrl-u")
        await app.type("bpm:90")
        #expect(app.state.list.total == 4, "a tempo alone is ±2 BPM: samples 8 to 11 (88 to 91)")
        await app.press("ctrl-u")
        await app.type("bpm:90-90")
        #expect(app.state.list.total == 1)
        #expect(app.state.selected?.title == "sample 10")
        await app.press("ctrl-u")
        await app.type("status:failed")
        #expect(app.state.list.total == 0)
        await app.press("ctrl-u")
        await app.type("bpm:fast ")
        #expect(app.state.list.total == 12, "a field that cannot be read narrows nothing")
        #expect(app.screen.line(23).contains("bpm:fast: not understood;"), "\(app.screen.line(23))")
        // The filters dialog's own filters are not changed by the fields.
        await app.press("enter")
        #expect(app.state.list.query.bpmMin == nil && app.state.list.query.key == nil)
    }
}
