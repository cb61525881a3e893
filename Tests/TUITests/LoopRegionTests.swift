import Foundation
import Model
import Testing
@testable import TUI

/// Loop regions in the app (issue 17): `[` and `]` at the playhead, snapped to beats unless `\`
/// turned it off, `l` loops, Esc clears; the region on the waveform and in the detail pane.
@Suite struct LoopRegionTests {
    /// A 12-s sample at 120 BPM: a beat every half second from 0.
    static func client(beats: Bool = true) -> (FakeClient, Sample) {
        var sample = FakeClient.sample(title: "drum loop", bpm: 120)
        if beats { sample.analysis?.beatGrid = BeatGrid(beats: (0..<24).map { $0 * 24_000 }, downbeat: 0) }
        return (FakeClient([sample]), sample)
    }

    /// An app that plays the sample, its playhead at `position`.
    static func playing(at position: Double, beats: Bool = true, cols: Int = 120) async -> (AppHarness, Sample) {
        let (client, sample) = client(beats: beats)
        var app = await AppHarness(client: client, cols: cols)
        await app.press("space")
        await app.send(.tick(now: 101, player: PlaybackSnapshot(state: .playing, position: position, duration: 12)))
        return (app, sample)
    }

    static func isLoopEffect(_ effect: Effect) -> Bool {
        switch effect {
        case .setLoop, .playLoop: return true
        default: return false
        }
    }

    @Test("[ and ] mark the region at the playhead, on the nearest beat; the pane shows it and its marks under the waveform")
    func marksSnapToBeats() async throws {
        var (app, sample) = await Self.playing(at: 2.37)
        await app.press("[")
        await app.send(.tick(now: 102, player: PlaybackSnapshot(state: .playing, position: 6.2, duration: 12)))
        await app.press("]")
        let region = try #require(app.state.playback.region(of: sample.id))
        #expect(region == LoopRegion(start: 2.5, end: 6.0))
        #expect(app.state.message?.text.contains("region 0:02.50–0:06.00, on the beat") == true, "\(String(describing: app.state.message))")
        let text = app.screen.text
        #expect(text.contains("region   0:02.50–0:06.00 (3.50 s)"), "\(text)")
        // The marks row: `[` and `]` with a line between them, in the detail pane.
        let marksRow = try #require((0..<24).map(app.screen.line).first { $0.contains("[") && $0.contains("]") && $0.contains("─") })
        let open = try #require(marksRow.firstIndex(of: "["))
        let close = try #require(marksRow.firstIndex(of: "]"))
        #expect(open < close)
        // Nothing loops until `l`.
        #expect(!app.effects.contains(where: Self.isLoopEffect))
    }

    @Test("\\ turns snapping off: the marks go exactly where the playhead is; again, back on")
    func snappingToggles() async throws {
        var (app, sample) = await Self.playing(at: 3.33)
        await app.press("\\")
        #expect(app.state.message?.text == "marks go exactly where the playhead is")
        await app.press("[")
        await app.send(.tick(now: 102, player: PlaybackSnapshot(state: .playing, position: 4.71, duration: 12)))
        await app.press("]")
        #expect(app.state.playback.region(of: sample.id) == LoopRegion(start: 3.33, end: 4.71))
        await app.press("\\")
        #expect(app.state.message?.text == "marks snap to the nearest beat")
        await app.press("]")
        #expect(app.state.playback.region(of: sample.id) == LoopRegion(start: 3.33, end: 4.5))
    }

    @Test("without a beat grid the marks go where the playhead is, and \\ says why")
    func noGridNoSnap() async throws {
        var (app, sample) = await Self.playing(at: 1.23, beats: false)
        await app.press("[")
        await app.send(.tick(now: 102, player: PlaybackSnapshot(state: .playing, position: 2.34, duration: 12)))
        await app.press("]")
        #expect(app.state.playback.region(of: sample.id) == LoopRegion(start: 1.23, end: 2.34))
        await app.press("\\", "\\")
        #expect(app.state.message?.text.contains("no beat grid") == true)
    }

    @Test("[ before anything plays says to play first; a mark on the wrong side of the other clears it")
    func refusalsAndWrongSide() async throws {
        let (client, sample) = Self.client()
        var app = await AppHarness(client: client, cols: 120)
        await app.press("[")
        #expect(app.state.playback.marks == nil)
        #expect(app.state.message?.text.contains("play it first") == true, "\(String(describing: app.state.message))")
        await app.press("space")
        await app.send(.tick(now: 101, player: PlaybackSnapshot(state: .playing, position: 5, duration: 12)))
        await app.press("[")
        await app.send(.tick(now: 102, player: PlaybackSnapshot(state: .playing, position: 2, duration: 12)))
        await app.press("]")
        #expect(app.state.playback.marks?.end == 2)
        #expect(app.state.playback.marks?.start == nil)
        #expect(app.state.playback.region(of: sample.id) == nil)
        #expect(app.state.message?.text.contains("the start at 0:05.00 was on the wrong side and is cleared") == true)
        #expect(app.screen.text.contains("region   to 0:02.00"))
    }

    @Test("l loops the region where it plays, shows loop in the status line, and l again lets it play on")
    func loopToggles() async throws {
        var (app, sample) = await Self.playing(at: 2.5)
        await app.press("[")
        await app.send(.tick(now: 102, player: PlaybackSnapshot(state: .playing, position: 4, duration: 12)))
        await app.press("]", "l")
        let region = try #require(LoopRegion(start: 2.5, end: 4))
        #expect(app.effects.last == .setLoop(region))
        await app.send(.tick(now: 103, player: PlaybackSnapshot(state: .playing, position: 3, duration: 12, loop: region)))
        #expect(app.screen.line(23).contains("▶ loop 0:03/0:12"), "\(app.screen.line(23))")
        #expect(app.screen.text.contains("(1.50 s), looping"))
        // A new end while it loops: the loop takes it at once.
        await app.send(.tick(now: 104, player: PlaybackSnapshot(state: .playing, position: 3.4, duration: 12, loop: region)))
        await app.press("]")
        #expect(app.effects.last == .setLoop(LoopRegion(start: 2.5, end: 3.5)))
        await app.press("l")
        #expect(app.effects.last == .setLoop(nil))
        #expect(app.state.playback.isLooping(sample.id) == false)
    }

    @Test("l on a sample that does not play loops all of it from its start; on one not ready, it says why")
    func loopsTheWholeSample() async throws {
        let (client, sample) = Self.client()
        // Newer, so it is the first row.
        var pending = FakeClient.sample(title: "pending", status: .processing, created: Date(timeIntervalSince1970: 1_800_000_000))
        pending.analysis = nil
        client.add(pending)
        var app = await AppHarness(client: client, cols: 120)
        #expect(app.state.selected?.id == pending.id)
        let effects = app.effects.count
        await app.press("l")
        #expect(app.effects.count == effects, "a sample still processing was looped")
        #expect(app.state.message?.isError == true)
        await app.press("j")
        #expect(app.state.selected?.id == sample.id)
        await app.press("l")
        let whole = try #require(LoopRegion(start: 0, end: 12))
        #expect(app.effects.last == .playLoop(.sample(sample), whole))
        #expect(app.state.message?.text.contains("looping all of it") == true)
    }

    @Test("Esc clears the region (a loop of it goes on over the whole sample), then the search as before")
    func escapeClears() async throws {
        var (app, sample) = await Self.playing(at: 2.5)
        await app.press("[")
        await app.send(.tick(now: 102, player: PlaybackSnapshot(state: .playing, position: 4, duration: 12)))
        await app.press("]", "l")
        let region = try #require(LoopRegion(start: 2.5, end: 4))
        await app.send(.tick(now: 103, player: PlaybackSnapshot(state: .playing, position: 3, duration: 12, loop: region)))
        await app.press("esc")
        #expect(app.state.playback.marks == nil)
        #expect(app.effects.last == .setLoop(LoopRegion(start: 0, end: 12)))
        #expect(!app.screen.text.contains("region   "))
        #expect(app.state.playback.region(of: sample.id) == nil)
    }

    @Test("a region is drawn at every size without leaving the grid, in Unicode and ASCII", arguments: [true, false])
    func drawsAtAnySize(unicode: Bool) async throws {
        let (client, _) = Self.client()
        var app = await AppHarness(client: client, cols: 120, glyphs: unicode ? .unicode : .ascii)
        await app.press("space")
        await app.send(.tick(now: 101, player: PlaybackSnapshot(state: .playing, position: 1, duration: 12)))
        await app.press("[")
        await app.send(.tick(now: 102, player: PlaybackSnapshot(state: .playing, position: 11.9, duration: 12)))
        await app.press("]")
        for (rows, cols) in [(1, 1), (2, 10), (10, 40), (24, 80), (40, 200)] {
            await app.send(.resize(rows: rows, cols: cols))
            #expect(app.screen.rows == rows && app.screen.cols == cols)
            if !unicode { #expect(app.screen.text.allSatisfy { $0.isASCII }, "\(rows)x\(cols)") }
        }
    }
}

extension LoopRegionTests {
    @Test("d with a region marked offers just the region (named with its times) or all of it")
    func exportsTheRegion() async throws {
        var (app, sample) = await Self.playing(at: 2.5)
        await app.press("[")
        await app.send(.tick(now: 102, player: PlaybackSnapshot(state: .playing, position: 4, duration: 12)))
        await app.press("]", "d")
        #expect(app.screen.text.contains("region 0:02.50–0:04.00"), "\(app.screen.text)")
        await app.press("enter")
        let region = try #require(LoopRegion(start: 2.5, end: 4))
        guard case .export(let request)? = app.effects.last(where: { if case .export = $0 { true } else { false } }) else {
            Issue.record("no export: \(app.effects)")
            return
        }
        #expect(request.region == region)
        #expect(request.fileName == "drum loop - 120 BPM - A minor - 2.50-4.00 s.wav")
        #expect(request.subject == .sample(sample.id))
        // Without a region the dialog has no such choice, and the whole sample goes.
        await app.press("esc", "d")
        #expect(!app.screen.text.contains("region 0:"))
        await app.press("enter")
        guard case .export(let whole)? = app.effects.last(where: { if case .export = $0 { true } else { false } }) else { return }
        #expect(whole.region == nil)
        #expect(whole.fileName == sample.exportFileName(.wav))
    }
}

extension LoopRegionTests {
    @Test("a click on the waveform moves the playhead to that time; a click elsewhere does nothing")
    func clickSeeks() async throws {
        var (app, _) = await Self.playing(at: 1)
        var scratch = Canvas(rows: 24, cols: 120)
        let area = try #require(DetailView.draw(app.state, into: &scratch, rect: app.state.layout.detail))
        let count = app.effects.count
        await app.send(.click(row: area.row + 1, col: area.col + area.width / 4))
        guard case .seekTo(let time)? = app.effects.last else {
            Issue.record("no seek: \(app.effects.suffix(2))")
            return
        }
        let expected = 12 * (Double(area.width / 4) + 0.5) / Double(area.width)
        #expect(abs(time - expected) < 1e-9, "clicked a quarter in, went to \(time) s")
        await app.send(.click(row: 0, col: 0))
        await app.send(.click(row: area.row + 1, col: area.col - 2))
        #expect(app.effects.count == count + 1)
    }
}
