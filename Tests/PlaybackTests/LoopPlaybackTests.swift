import Foundation
import Model
import Playback
import Testing
import TestSupport

/// A 2-s 500 Hz tone and its region 0.5–1.5 s: 500 whole periods starting at a zero crossing,
/// so a seamless loop of it is the tone itself, uninterrupted.
struct LoopTone {
    static let frequency = 500.0
    static let amplitude: Float = 0.5
    /// The steepest step between two samples of the tone: a seam may not step further.
    static let slope = Float(2 * Double.pi * frequency / 48000) * amplitude
    static let region = LoopRegion(start: 0.5, end: 1.5)
    let tone: ProcessedTone

    init() throws {
        tone = try ProcessedTone(seconds: 2, frequency: Self.frequency)
    }

    /// The largest step between neighbouring samples of `x`, and where.
    static func largestStep(_ x: ArraySlice<Float>) -> (step: Float, at: Int) {
        var largest: (Float, Int) = (0, x.startIndex)
        for i in x.indices.dropLast() where abs(x[i + 1] - x[i]) > largest.0 { largest = (abs(x[i + 1] - x[i]), i) }
        return largest
    }
}

@Suite("the player: loop regions")
struct LoopPlaybackTests {
    @Test("a looped region repeats sample-exactly: five passes of exactly its frames, each the same, no step at a seam")
    func loopsSampleExactly() throws {
        let loop = try LoopTone()
        let region = try #require(LoopTone.region)
        let output = CapturingOutput()
        let player = Player(output: output)
        player.play(.hls(loop.tone.playlist), loop: region, times: 5)
        let status = waitFor(player, [.ended, .failed])
        #expect(status.state == .ended, "\(String(describing: status.error))")
        #expect(status.loop == region)
        let played = output.left
        #expect(played.count == 5 * 48000, "five passes of a 48,000-frame region wrote \(played.count) frames")
        guard played.count == 5 * 48000 else { return }
        let first = played[0..<48000]
        for pass in 1..<5 {
            #expect(Array(played[(pass * 48000)..<((pass + 1) * 48000)]) == Array(first), "pass \(pass + 1) differs from the first")
        }
        // The region is what the sample has there (the decoded AAC against the WAV it came from).
        let error = zip(first, loop.tone.wav[24000..<72000]).map { abs($0 - $1) }.max() ?? 1
        #expect(error < 0.05, "the loop differs from the sample's 0.5-1.5 s by \(error)")
        let (step, at) = LoopTone.largestStep(played[...])
        #expect(step <= LoopTone.slope * 1.5, "a step of \(step) at frame \(at) (the tone's own slope is \(LoopTone.slope))")
    }

    @Test("a loop started inside its region plays from there to the region's end, then the whole region")
    func startsInsideTheRegion() throws {
        let loop = try LoopTone()
        let region = try #require(LoopTone.region)
        let output = CapturingOutput()
        let player = Player(output: output)
        player.play(.hls(loop.tone.playlist), from: 1.0, loop: region, times: 2)
        #expect(waitFor(player, [.ended, .failed]).state == .ended)
        let played = output.left
        #expect(played.count == 24000 + 48000, "from 1.0 s to 1.5 s, then 0.5-1.5 s: \(played.count) frames")
        let error = zip(played.prefix(24000), loop.tone.wav[48000..<72000]).map { abs($0 - $1) }.max() ?? 1
        #expect(error < 0.05, "the first half pass is not the sample's 1.0-1.5 s (\(error))")
        #expect(LoopTone.largestStep(played[...]).step <= LoopTone.slope * 1.5)
    }

    @Test("a start outside the region plays from the region's start; a region past the end loops what there is")
    func regionEdges() throws {
        let loop = try LoopTone()
        let output = CapturingOutput()
        let player = Player(output: output)
        player.play(.hls(loop.tone.playlist), from: 0.1, loop: LoopTone.region, times: 1)
        #expect(waitFor(player, [.ended, .failed]).state == .ended)
        #expect(output.left.count == 48000)
        let before = output.left.count
        let tail = try #require(LoopRegion(start: 1.75, end: 9))
        player.play(.hls(loop.tone.playlist), loop: tail, times: 3)
        let status = waitFor(player, [.ended, .failed])
        #expect(status.state == .ended, "\(String(describing: status.error))")
        let pass = (output.left.count - before) / 3
        #expect(abs(pass - 12000) <= 1024, "each pass of the last 0.25 s wrote \(pass) frames")
        #expect((output.left.count - before) % 3 == 0, "the passes differ in length")
        let beyond = try #require(LoopRegion(start: 5, end: 6))
        player.play(.hls(loop.tone.playlist), loop: beyond, times: 2)
        let failed = waitFor(player, [.ended, .failed])
        #expect(failed.state == .failed, "a region past the end cannot loop")
    }
}

/// A loop through PulseAudio, recorded from the null sink's monitor.
@Suite("loop regions through PulseAudio (a null sink)", .serialized,
       .enabled(if: EndToEnd.runs(PulseServer.isInstalled), "needs pulseaudio, pactl and parec (Debian: pulseaudio, pulseaudio-utils)"))
struct LoopPulseTests {
    @Test("five passes of a region are heard as one unbroken tone: five times its length, no step at a seam, no gap there")
    func seamlessThroughPulse() throws {
        let loop = try LoopTone()
        let rig = try PulseRig()
        let region = try #require(LoopTone.region)
        rig.player.play(.hls(loop.tone.playlist), loop: region, times: 5)
        let playing = waitFor(rig.player) { $0.position > 0.6 || $0.state == .failed || $0.state == .ended }
        #expect(playing.state == .playing, "\(String(describing: playing.error))")
        let status = waitFor(rig.player, [.ended, .failed])
        #expect(status.state == .ended, "\(String(describing: status.error))")
        let captured = rig.recording.waitForSilence()
        let sounding = captured.indices.filter { abs(captured[$0]) > 0.01 }
        let first = try #require(sounding.first, "nothing was heard")
        let last = try #require(sounding.last)
        // Silent runs inside the sound: a tone at 500 Hz never stays under 0.01 for 48 samples
        // (a millisecond), so each run that long is a gap (an underrun on a busy machine).
        var gaps: [Range<Int>] = []
        var quiet = first
        for i in first...last {
            if abs(captured[i]) > 0.01 {
                if i - quiet >= 48 { gaps.append(quiet..<i) }
                quiet = i + 1
            }
        }
        let gapFrames = gaps.reduce(0) { $0 + $1.count }
        let heard = last + 1 - first - gapFrames
        // One device buffer: 20 ms.
        #expect(abs(heard - 5 * 48000) <= 960, "heard \(Double(heard) / 48000) s of five 1-s passes")
        // The seams, counted in frames heard: no gap may begin within 5 ms of one.
        var seams: [Int] = []
        var counted = 0, next = 48000
        var gapIndex = 0
        for i in first...last {
            if gapIndex < gaps.count, gaps[gapIndex].contains(i) {
                if i == gaps[gapIndex].upperBound - 1 { gapIndex += 1 }
                continue
            }
            counted += 1
            if counted == next, seams.count < 4 {
                seams.append(i)
                next += 48000
            }
        }
        for seam in seams {
            #expect(!gaps.contains { abs($0.lowerBound - seam) <= 240 }, "a gap at the seam near frame \(seam)")
        }
        // Steps, away from the gaps' edges (an underrun's own).
        let edges = gaps.flatMap { [$0.lowerBound, $0.upperBound] }
        var worst: Float = 0
        for i in first..<last where abs(captured[i + 1] - captured[i]) > worst && !edges.contains(where: { abs($0 - i) <= 2 }) {
            worst = abs(captured[i + 1] - captured[i])
        }
        #expect(worst <= LoopTone.slope * 1.5, "a step of \(worst) in the loop (the tone's own slope is \(LoopTone.slope)); gaps: \(gaps.count)")
    }

    @Test("while a region loops the position stays inside it; looping off lets the sample play on to its end")
    func positionWraps() throws {
        let loop = try LoopTone()
        let rig = try PulseRig()
        let region = try #require(LoopTone.region)
        rig.player.play(.hls(loop.tone.playlist), loop: region)
        var positions: [Double] = []
        let deadline = Date().addingTimeInterval(20)
        // Two and a half passes, by the audio clock's own wraps.
        var wraps = 0
        while wraps < 2, Date() < deadline {
            let status = rig.player.status
            if status.state == .playing {
                if let previous = positions.last, status.position < previous - 0.5 { wraps += 1 }
                positions.append(status.position)
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(wraps == 2, "the position never wrapped: \(positions.suffix(5))")
        #expect(positions.allSatisfy { $0 >= 0.5 && $0 < 1.5 }, "a position outside 0.5-1.5 s: \(positions.filter { $0 < 0.5 || $0 >= 1.5 })")
        rig.player.setLoop(nil)
        let ended = waitFor(rig.player, [.ended, .failed])
        #expect(ended.state == .ended)
        #expect(ended.loop == nil)
    }
}
