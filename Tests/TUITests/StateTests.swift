import Foundation
import Model
import Testing
@testable import TUI

@Suite struct StateTests {
    @Test func theCursorStaysInsideTheList() async {
        var app = await AppHarness(client: .library(3))
        await app.press("k", "up", "pgup")
        #expect(app.state.list.cursor == 0)
        await app.press("j", "j", "j", "j", "pgdn", "end")
        #expect(app.state.list.cursor == 2)
        await app.press("home")
        #expect(app.state.list.cursor == 0)
        var empty = await AppHarness(client: FakeClient([]))
        await empty.press("j", "G", "space", "d", "n")
        #expect(empty.state.list.cursor == 0)
        #expect(empty.state.dialog == nil)
    }

    @Test func restingOnASampleLoadsItsWaveformAndPreloadsItsSound() async {
        var app = await AppHarness(client: .library(3))
        await app.press("j")
        let id = app.state.selected?.id
        await app.wait(0.05)
        #expect(!app.effects.contains(where: { if case .preload = $0 { return true } else { return false } }))
        await app.wait(0.2)
        #expect(app.effects.contains(.loadPeaks(id ?? UUID())))
        #expect(app.effects.contains { if case .preload(let s) = $0 { return s.id == id } else { return false } })
        #expect(app.state.playback.peaks[id ?? UUID()] != nil)
        #expect(app.screen.text.contains("█"))
        // Resting again on the same sample fetches nothing twice.
        let count = app.effects.count
        await app.wait(1)
        #expect(app.effects.count == count)
    }

    @Test("the first row of a new library, still processing when the app starts, gets its waveform once it is ready, without a key")
    func waveformOnceReady() async throws {
        let processing = FakeClient.sample(title: "demo loop", status: .processing)
        let client = FakeClient([processing])
        var app = await AppHarness(client: client)
        await app.wait(0.5)
        #expect(!app.effects.contains(.loadPeaks(processing.id)))
        client.update(processing.id) { $0.status = .completed }
        await app.press("r")
        await app.wait(0.2)
        #expect(app.effects.contains(.loadPeaks(processing.id)), "\(app.effects)")
        #expect(app.screen.text.contains("█"))
    }

    @Test("underruns the output absorbs say nothing; sound that keeps breaking up at the largest buffer is said")
    func stutteringSoundIsTold() async {
        var app = await AppHarness(client: .library(3))
        await app.press("space")
        await app.send(.tick(now: 101, player: PlaybackSnapshot(state: .playing, position: 1, duration: 12)))
        #expect(!app.screen.text.contains("breaking up"))
        await app.send(.tick(now: 102, player: PlaybackSnapshot(state: .playing, position: 2, duration: 12, stutters: true)))
        #expect(app.screen.text.contains("The sound keeps breaking up"), "\(app.screen.text)")
        #expect(app.state.message?.isError == true)
    }

    @Test func playPausesAndANewSelectionStopsTheSound() async {
        var app = await AppHarness(client: .library(3))
        await app.press("space")
        let first = app.state.selected
        #expect(app.effects.last == .play(.sample(first ?? FakeClient.sample(title: "")), from: 0))
        await app.send(.tick(now: 101, player: PlaybackSnapshot(state: .playing, position: 4, duration: 12)))
        #expect(app.screen.line(2).hasPrefix("▶ sample 0"))
        #expect(app.screen.line(23).contains("▶ 0:04/0:12"))
        #expect(app.screen.text.contains("0:04/0:12"))
        await app.press("enter")
        #expect(app.effects.last == .togglePause)
        await app.press("right")
        #expect(app.effects.last == .seek(2))
        await app.press("left")
        #expect(app.effects.last == .seek(-2))
        await app.press("j")
        #expect(app.effects.last == .stop)
        #expect(app.state.playback.playingID == nil)
        await app.press("n")
        #expect(app.state.list.cursor == 2)
        #expect(app.effects.last == .play(.sample(app.state.selected ?? FakeClient.sample(title: "")), from: 0))
    }

    @Test func volumeStepsAndStaysInRange() async {
        var app = await AppHarness(client: .library(1))
        for _ in 0..<10 { await app.press("=") }
        #expect(app.state.playback.volume == 1.5)
        #expect(app.effects.last == .setVolume(1.5))
        for _ in 0..<20 { await app.press("-") }
        #expect(app.state.playback.volume == 0)
        #expect(app.screen.line(23).contains("volume 0%"))
    }

    @Test func withoutSoundTheStatusLineSaysWhy() async {
        var app = await AppHarness(client: .library(2), audioReady: false)
        let reason = "No sound: PulseAudio is not reachable (Connection refused). Start it, or set PULSE_SERVER."
        await app.send(.audioUnavailable(reason))
        #expect(app.screen.line(23).contains("No sound: PulseAudio is not reachable"))
        #expect(app.screen.line(23).contains("no sound"))
        // A play tries again at once (the player connects on its first write): docs/tui.md.
        await app.press("j", "space")
        #expect(app.effects.contains { if case .play = $0 { return true } else { return false } })
    }

    @Test func samplesNotCompletedCannotBePlayedOrExported() async {
        let client = FakeClient([FakeClient.sample(title: "half done", status: .processing)])
        var app = await AppHarness(client: client)
        await app.press("space")
        #expect(app.screen.line(23).contains("half done is working"))
        await app.press("d")
        #expect(app.state.dialog == nil)
        #expect(app.screen.line(23).contains("only ready samples can be exported"))
    }

    @Test func aServerThatGoesAwayIsReportedAndTheAppKeepsRunning() async {
        var app = await AppHarness(client: .library(2))
        await app.send(.pageFailed(generation: app.state.list.generation, index: 0,
                                   message: "Cannot reach http://127.0.0.1:9/: Couldn't connect to server"))
        #expect(app.screen.line(23).contains("Couldn't connect to server"))
        await app.press("r")
        #expect(app.screen.line(0).contains("2 samples"))
    }

    @Test func jobsSubmittedElsewhereShowUpWithinSeconds() async {
        let client = FakeClient.library(2)
        var app = await AppHarness(client: client)
        #expect(app.screen.text.contains("no jobs"))
        let id = UUID()
        let created = Date(timeIntervalSince1970: 1_700_000_000)
        client.pipeline.withLock {
            $0 = [JobInfo(id: UUID(), sampleID: id, source: "https://example.com/other.mp4", status: .running, step: "download",
                          progress: 0.5, attempts: 1, maxAttempts: 4, runAt: created, lastError: nil, createdAt: created)]
        }
        await app.wait(1)
        #expect(app.screen.text.contains("no jobs"))
        await app.wait(JobsState.interval)
        #expect(app.effects.contains(.watch(id)))
        #expect(app.screen.text.contains("example.com/other.mp4"))
    }

    @Test func qAndCtrlCQuitAndStopTheSound() async {
        var app = await AppHarness(client: .library(1))
        await app.press("q")
        #expect(app.state.isQuitting)
        #expect(app.effects.suffix(2) == [.stop, .quit])
        var other = await AppHarness(client: .library(1))
        await other.press("/")
        await other.press("ctrl-c")
        #expect(other.state.isQuitting)
    }
}
