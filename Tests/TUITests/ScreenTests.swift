import Foundation
import Model
import Testing
@testable import TUI

@Suite struct ScreenTests {
    @Test func theListShowsRowsWithDurationTempoKeyAndStatus() async {
        let client = FakeClient([
            FakeClient.sample(title: "lo-fi kick loop", bpm: 96, key: MusicalKey(tonic: .a, scale: .minor)),
            FakeClient.sample(title: "broken", status: .failed, created: Date(timeIntervalSince1970: 1_600_000_000)),
        ])
        let app = await AppHarness(client: client, rows: 24, cols: 120)
        let text = app.screen.text
        #expect(app.screen.line(0).contains("2 samples"))
        #expect(app.screen.line(0).contains("fake library"))
        let row = app.screen.line(2)
        #expect(row.contains("lo-fi kick loop  @beatsbyx"))
        #expect(row.contains("0:12   96 Am 8A     ready"))
        #expect(app.screen.line(3).contains("failed"))
        // The detail pane describes the sample under the cursor.
        #expect(text.contains("@beatsbyx · 1.2M views · 96 BPM"))
        #expect(text.contains("A minor (8A) · 0:12 · 48 kHz"))
    }

    @Test func theCursorScrollsTheListAndTheScrollbarFollows() async {
        var app = await AppHarness(client: .library(50), rows: 24, cols: 80)
        let visible = app.state.layout.visibleRows
        #expect(app.screen.line(2).contains("sample 0"))
        for _ in 0..<visible { await app.press("j") }
        #expect(app.state.list.cursor == visible)
        #expect(app.state.list.scroll == 1)
        #expect(app.screen.line(2).contains("sample 1 "))
        await app.press("G")
        #expect(app.state.list.cursor == 49)
        #expect(app.screen.text.contains("sample 49"))
        // The thumb sits at the bottom of the track.
        let list = app.state.layout.list
        let bar = app.screen[list.bottom - 1, list.right - 1]
        #expect(bar.character == "█")
        await app.press("g")
        #expect(app.screen[list.row + 1, list.right - 1].character == "█")
        #expect(app.screen[list.bottom - 1, list.right - 1].character == "│")
    }

    @Test func aBigLibraryIsLoadedPageByPageAsTheCursorGoes() async {
        var app = await AppHarness(client: .library(1000), rows: 24, cols: 80)
        #expect(app.screen.line(0).contains("1,000 samples"))
        #expect(app.state.list.pages.keys.sorted() == [0])
        await app.press("G")
        #expect(app.state.list.pages.keys.sorted() == [0, 999 / ListState.pageSize])
        #expect(app.screen.text.contains("sample 999"))
    }

    @Test func tinyTerminalsShowAMessageAndNeverCrash() async {
        var app = await AppHarness(client: .library(5))
        for (rows, cols) in [(1, 1), (0, 0), (2, 3), (10, 40), (14, 59), (15, 60), (24, 80), (40, 120), (3, 200)] {
            await app.send(.resize(rows: rows, cols: cols))
            let screen = app.screen
            #expect(screen.rows == rows && screen.cols == cols)
            if rows < Layout.minimumRows || cols < Layout.minimumCols {
                if rows >= 4 && cols >= 20 { #expect(screen.text.contains("enlarge")) }
            } else {
                #expect(screen.line(0).contains("5 samples"))
            }
        }
        await app.send(.resize(rows: 10, cols: 40))
        #expect(app.screen.text.contains("Terminal too small (40x10)"))
        await app.send(.resize(rows: 24, cols: 80))
        #expect(app.screen.line(2).contains("sample 0"))
    }

    @Test func anEmptyLibrarySaysHowToAddSamples() async {
        let app = await AppHarness(client: FakeClient([]))
        #expect(app.screen.line(0).contains("0 samples"))
        #expect(app.screen.text.contains("The library is empty."))
        #expect(app.screen.text.contains("Press a to add a URL or a file."))
    }

    @Test func asciiGlyphsOnlyWriteASCII() async {
        var app = await AppHarness(client: .library(30), glyphs: .ascii)
        await app.wait(0.2)
        await app.press("?")
        let frame = app.screen
        for row in 0..<frame.rows {
            for col in 0..<frame.cols where !frame[row, col].isContinuation {
                #expect(frame[row, col].character.isASCII, "row \(row) col \(col): \(frame[row, col].character)")
            }
        }
    }
}
