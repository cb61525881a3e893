import Foundation
import Playback
import Synchronization
import Testing
import TestSupport

/// What a `PulseOutput.watch` reported, in order (`nil`: sound works).
final class WatchReports: Sendable {
    private let reports = Mutex<[PlaybackError?]>([])

    func add(_ report: PlaybackError?) { reports.withLock { $0.append(report) } }

    var all: [PlaybackError?] { reports.withLock { $0 } }

    /// Polls (bounded) until the reports satisfy `condition`; returns them.
    @discardableResult
    func wait(seconds: Double = 15, until condition: ([PlaybackError?]) -> Bool) -> [PlaybackError?] {
        let deadline = Date().addingTimeInterval(seconds)
        var seen = all
        while !condition(seen) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
            seen = all
        }
        return seen
    }
}

/// PulseAudio going away and coming back under a player (issue 23.1): the daemon is the test's
/// own, killed and started again at the same address, its null sink's monitor recorded.
@Suite("sound after PulseAudio restarts", .serialized,
       .enabled(if: EndToEnd.runs(PulseServer.isInstalled), "needs pulseaudio, pactl and parec (Debian: pulseaudio, pulseaudio-utils)"))
struct PulseReconnectTests {
    @Test("after pulseaudio is killed a play fails saying why; once it is back, the next play is heard whole")
    func theNextPlayReconnects() throws {
        let pulse = try PulseServer()
        let output = try PulseOutput(server: pulse.address)
        let player = Player(output: output)
        let tone = try ProcessedTone(seconds: 1, frequency: 523.25)
        player.play(.hls(tone.playlist))
        #expect(waitFor(player, [.ended, .failed]).state == .ended)

        pulse.stop()
        let deadline = Date().addingTimeInterval(10)
        while output.isConnected && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(!output.isConnected, "the output still thinks it is connected")
        player.play(.hls(tone.playlist))
        let failed = waitFor(player, [.ended, .failed])
        #expect(failed.state == .failed)
        #expect(failed.error?.code == "playback.no_audio_device")

        try pulse.start()
        let recording = try pulse.record()
        player.play(.hls(tone.playlist))
        let status = waitFor(player, [.ended, .failed])
        #expect(status.state == .ended, "\(String(describing: status.error))")
        #expect(output.isConnected)
        let captured = recording.waitForSilence()
        let heard = Double(stride(from: 0, to: captured.count - 240, by: 240)
            .filter { Signal.rms(captured[$0..<($0 + 240)]) > 0.1 }.count * 240) / 48000
        #expect(abs(heard - 1) < 0.02, "heard \(heard) s of a 1-s tone after the restart")
    }

    @Test("started before PulseAudio, the watch says there is no sound, then that it is back, then lost and back again")
    func theWatchFollowsTheServer() throws {
        let pulse = try PulseServer(running: false)
        let output = PulseOutput.unconnected(server: pulse.address)
        let reports = WatchReports()
        let watch = output.watch(every: 0.2) { reports.add($0) }
        defer { watch.cancel() }
        var seen = reports.wait { !$0.isEmpty }
        #expect(seen.first??.code == "playback.no_audio_device", "\(seen)")

        try pulse.start()
        seen = reports.wait { $0.count >= 2 }
        #expect(seen.count == 2 && seen[1] == nil, "no word that sound is back: \(seen)")
        #expect(output.isConnected)

        pulse.stop()
        seen = reports.wait { $0.count >= 3 }
        #expect(seen.count == 3 && seen[2]?.code == "playback.no_audio_device", "no word that sound was lost: \(seen)")
        try pulse.start()
        seen = reports.wait { $0.count >= 4 }
        #expect(seen.count == 4 && seen[3] == nil, "\(seen)")

        // Back means heard: a tone written now reaches the restarted server's sink.
        let recording = try pulse.record()
        for _ in 0..<25 { try output.write(PulseOutputTests.chunk) }
        let captured = recording.wait(seconds: 10) { Signal.hasSound($0) }
        #expect(Signal.hasSound(captured), "nothing was heard after the server came back")
        // Each change was said once: a check that finds the same state says nothing.
        #expect(reports.all.count == 4, "\(reports.all)")
    }
}
