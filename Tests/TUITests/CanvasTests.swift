import Testing
@testable import TUI

@Suite struct CanvasTests {
    @Test func textIsClippedToTheRowAndTheGrid() {
        var canvas = Canvas(rows: 2, cols: 8)
        canvas.text("hello world", row: 0, col: 3)
        canvas.text("far away", row: 5, col: 0)
        canvas.text("left", row: 1, col: -2)
        #expect(canvas.line(0) == "   hello")
        #expect(canvas.line(1) == "ft")
    }

    @Test func fieldCutsWithAnEllipsisAndPads() {
        var canvas = Canvas(rows: 1, cols: 12)
        canvas.field("a long title", row: 0, col: 0, width: 6)
        canvas.field("7", row: 0, col: 7, width: 4, alignRight: true)
        #expect(canvas.line(0) == "a lon…    7")
    }

    @Test func wideCharactersTakeTwoCellsAndNeverSpill() {
        var canvas = Canvas(rows: 1, cols: 5)
        let used = canvas.text("日本語", row: 0, col: 0)
        #expect(used == 5)
        #expect(canvas.line(0) == "日本")
        #expect(canvas[0, 1].isContinuation)
        #expect(!canvas[0, 4].isContinuation)
    }

    @Test func controlCharactersAndCombiningMarksAreDropped() {
        var canvas = Canvas(rows: 1, cols: 10)
        canvas.text("a\u{1B}[2Jb\tc", row: 0, col: 0)
        canvas.text("\u{0301}x", row: 0, col: 7)
        #expect(canvas.line(0) == "a[2Jbc x")
    }

    @Test func aZeroSizedGridTakesEveryCall() {
        var canvas = Canvas(rows: 0, cols: 0)
        canvas.text("x", row: 0, col: 0)
        canvas.fill(Rect(row: -3, col: -3, height: 10, width: 10))
        canvas.box(Rect(row: 0, col: 0, height: 5, width: 5), glyphs: .unicode)
        #expect(canvas.text == "")
    }
}
