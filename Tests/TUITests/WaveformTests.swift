import Model
import Testing
@testable import TUI

@Suite struct WaveformTests {
    /// A ramp: silent at the start, loudest at the end.
    static let ramp: Peaks = {
        let coarse = (0..<64).map { Float($0) / 63 }
        let fine = (0..<512).map { Float($0) / 511 }
        return Peaks(frames: 48_000 * 8, levels: [
            PeakLevel(samplesPerBin: 6000, min: coarse.map { -$0 }, max: coarse),
            PeakLevel(samplesPerBin: 750, min: fine.map { -$0 }, max: fine),
        ])
    }()

    @Test(arguments: [1, 7, 30, 64, 100, 300])
    func amplitudesCoverEveryColumnInOrder(width: Int) {
        let values = WaveformView.amplitudes(Self.ramp, columns: width)
        #expect(values.count == width)
        #expect(values == values.sorted())
        #expect(values.last == 1)
        #expect(values.allSatisfy { (0...1).contains($0) })
    }

    @Test func barsGrowWithTheSoundAndThePlayedPartIsMarked() {
        var canvas = Canvas(rows: 4, cols: 40)
        WaveformView.draw(Self.ramp, playhead: 0.5, glyphs: .unicode, into: &canvas, rect: Rect(row: 0, col: 0, height: 4, width: 40))
        // The last column is full height, the first only a floor.
        #expect((0..<4).allSatisfy { canvas[$0, 39].character == "█" })
        #expect(canvas[3, 0].character == "▁")
        #expect(canvas[0, 0].character == " ")
        #expect(canvas[3, 10].style == .wavePlayed)
        #expect(canvas[3, 20].style == .accent)
        #expect(canvas[3, 30].style == .wave)
    }

    @Test func asciiWaveformsUseOnlyASCII() {
        var canvas = Canvas(rows: 3, cols: 20)
        WaveformView.draw(Self.ramp, playhead: nil, glyphs: .ascii, into: &canvas, rect: Rect(row: 0, col: 0, height: 3, width: 20))
        #expect(canvas.text.allSatisfy { $0.isASCII })
        #expect(canvas.line(0).hasSuffix("#"))
    }

    @Test("beat ticks fall under the beats: a bar line every fourth beat from the downbeat, dots between; downbeats alone when crowded")
    func beatTicks() {
        // 8 s at 120 BPM: 16 beats, the first downbeat on the second beat.
        let grid = BeatGrid(beats: (0..<16).map { $0 * 24_000 }, downbeat: 24_000)
        var canvas = Canvas(rows: 1, cols: 64)
        WaveformView.drawBeats(grid, duration: 8, glyphs: .unicode, into: &canvas, row: 0, col: 0, width: 64)
        let line = Array(canvas.line(0))
        #expect([4, 20, 36, 52].allSatisfy { line[$0] == "╹" }, "\(String(line))")
        #expect([0, 8, 12, 16, 24].allSatisfy { line[$0] == "·" }, "\(String(line))")
        #expect(line.filter { $0 == "╹" }.count == 4 && line.filter { $0 == "·" }.count == 12)
        var narrow = Canvas(rows: 1, cols: 20)
        WaveformView.drawBeats(grid, duration: 8, glyphs: .ascii, into: &narrow, row: 0, col: 0, width: 20)
        #expect(narrow.line(0).filter { $0 == "|" }.count == 4 && !narrow.line(0).contains("."), "\(narrow.line(0))")
    }

    @Test func thePositionLineShowsThePlayheadAndTheTime() {
        var canvas = Canvas(rows: 1, cols: 30)
        WaveformView.drawPosition(position: 4, duration: 12, active: true, glyphs: .unicode, into: &canvas, row: 0, col: 0, width: 30)
        #expect(canvas.line(0).hasSuffix(" 0:04/0:12"))
        #expect(canvas.line(0).hasPrefix("━━━━━━╸──"))
        var ascii = Canvas(rows: 1, cols: 30)
        WaveformView.drawPosition(position: 4, duration: 12, active: true, glyphs: .ascii, into: &ascii, row: 0, col: 0, width: 30)
        #expect(ascii.line(0).hasPrefix("======>--"))
    }

    @Test func emptyOrDamagedPeaksDrawNothingWrong() {
        let empty = Peaks(frames: 0, levels: [])
        #expect(WaveformView.amplitudes(empty, columns: 10) == Array(repeating: 0, count: 10))
        let nan = Peaks(frames: 10, levels: [PeakLevel(samplesPerBin: 1, min: [.nan, -1], max: [.infinity, 1])])
        #expect(WaveformView.amplitudes(nan, columns: 4).allSatisfy { $0.isFinite && (0...1).contains($0) })
    }
}

@Suite struct WaveformRegionTests {
    @Test("the region's columns stand out until played; a lone mark is one column")
    func regionColumns() {
        #expect(WaveformView.columns(of: (0.25, 0.5), width: 40) == 10...19)
        #expect(WaveformView.columns(of: (0.25, nil), width: 40) == 10...10)
        #expect(WaveformView.columns(of: (nil, 1.0), width: 40) == 39...39)
        #expect(WaveformView.columns(of: (nil, nil), width: 40) == nil)
        #expect(WaveformView.columns(of: (0.5, 0.6), width: 0) == nil)
        var canvas = Canvas(rows: 4, cols: 40)
        WaveformView.draw(WaveformTests.ramp, playhead: 0.3, region: 10...19, glyphs: .unicode, into: &canvas,
                          rect: Rect(row: 0, col: 0, height: 4, width: 40))
        #expect(canvas[3, 5].style == .wavePlayed)
        #expect(canvas[3, 11].style == .wavePlayed)
        #expect(canvas[3, 15].style == .region)
        #expect(canvas[3, 25].style == .wave)
    }
}
