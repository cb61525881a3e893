import Foundation
import Model
import Testing
@testable import TUI

/// The list's rows come before the count of every match: pages are asked for without it, the
/// header says "100+ samples" meanwhile (a page is 100 rows), and the count follows in one more call.
@Suite("the list's rows first, its count after")
struct ListCountTests {
    @Test("pages are asked for without the count; a full page shows 100+ until the count arrives, then the count")
    func rowsFirstCountAfter() async {
        var app = await AppHarness(client: .library(1500))
        #expect(app.screen.line(0).contains("1,500 samples"))
        let pages = app.effects.compactMap { effect -> SampleQuery? in
            if case .loadPage(let query, _) = effect { return query }
            return nil
        }
        #expect(!pages.isEmpty && pages.allSatisfy { $0.counted == false })
        #expect(app.effects.contains { if case .loadCount = $0 { return true } else { return false } })

        // A new search whose first page is full: its rows show at once, with "100+".
        await app.press("/")
        var state = app.state
        state.list.query.search = "sample"
        let effects = state.reload(toRow: 0)
        guard case .loadPage(let query, let generation)? = effects.first else {
            Issue.record("no page asked for: \(effects)")
            return
        }
        let size = ListState.pageSize
        #expect(size == 100)
        let rows = (0..<size).map { FakeClient.sample(title: "sample \($0)") }
        let after = state.handle(.pageLoaded(generation: generation, index: 0,
                                             page: ResultPage(items: rows, total: size + 1, page: 1, limit: size)))
        #expect(state.list.totalIsLowerBound && state.list.rowCount == size + 1)
        #expect(Screen.render(state).line(0).contains("100+ samples"))
        #expect(query.counted == false)
        #expect(after.contains(.loadCount(state.list.query, generation: generation)))
        _ = state.handle(.countLoaded(generation: generation, total: 1500))
        #expect(!state.list.totalIsLowerBound && state.list.rowCount == 1500)
        #expect(Screen.render(state).line(0).contains("1,500 samples"))
        // A count for an older query is dropped.
        _ = state.handle(.countLoaded(generation: generation - 1, total: 7))
        #expect(state.list.rowCount == 1500)
    }

    @Test("a page that is not full is the count: nothing more is asked for")
    func shortPageIsTheCount() async {
        var app = await AppHarness(client: .library(70))
        #expect(app.screen.line(0).contains("70 samples"))
        #expect(!app.effects.contains { if case .loadCount = $0 { return true } else { return false } })
    }
}
