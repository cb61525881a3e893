import Analysis
import Foundation
import Media
import SignalTestSupport
import Testing
import TestSupport

/// Integrated loudness against ffmpeg's `ebur128` filter on the same audio.
@Suite(.enabled(if: EndToEnd.runs(FFmpegTool.path != nil), "ffmpeg is not installed"))
struct LoudnessTests {
    static var ffmpeg: String? { FFmpegTool.path }

    /// Writes 32-bit float stereo WAV at 48 kHz.
    static func writeWAV(left: [Float], right: [Float], to url: URL) throws {
        var data = Data()
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        let frames = left.count
        data.append(contentsOf: Array("RIFF".utf8)); append(UInt32(36 + frames * 8))
        data.append(contentsOf: Array("WAVE".utf8))
        data.append(contentsOf: Array("fmt ".utf8)); append(UInt32(16)); append(UInt16(3)); append(UInt16(2))
        append(UInt32(48_000)); append(UInt32(48_000 * 8)); append(UInt16(8)); append(UInt16(32))
        data.append(contentsOf: Array("data".utf8)); append(UInt32(frames * 8))
        for i in 0..<frames {
            append(left[i].bitPattern)
            append(right[i].bitPattern)
        }
        try data.write(to: url)
    }

    /// The integrated loudness ffmpeg's `ebur128` filter reports for a file.
    static func ffmpegLoudness(_ url: URL) throws -> Double? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ffmpeg ?? "ffmpeg")
        process.arguments = ["-nostats", "-hide_banner", "-i", url.path, "-af", "ebur128", "-f", "null", "-"]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let line = output.split(separator: "\n").last { $0.contains("I:") && $0.contains("LUFS") }
        return line?.split(separator: " ").compactMap { Double($0) }.first
    }

    static func compare(left: [Float], right: [Float], _ label: String) throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("sampletok-loudness-\(UUID().uuidString).wav")
        defer { try? FileManager.default.removeItem(at: url) }
        try writeWAV(left: left, right: right, to: url)
        let reference = try #require(try ffmpegLoudness(url), "ffmpeg printed no integrated loudness")
        let result = try #require(try Synth.analyze(left: left, right: right))
        #expect(abs(result.loudnessLUFS - reference) <= 0.2, "\(label): \(result.loudnessLUFS) LUFS, ffmpeg \(reference)")
    }

    @Test func sineAt1kHz() throws {
        var tone = [Float](repeating: 0, count: 5 * 48_000)
        for i in tone.indices { tone[i] = 0.1 * Float(sin(2 * Double.pi * 1000 * Double(i) / 48_000)) }
        try Self.compare(left: tone, right: tone, "1 kHz sine")
    }

    @Test func lowAndHighTonesOnOneChannel() throws {
        var left = [Float](repeating: 0, count: 4 * 48_000)
        for i in left.indices {
            let t = Double(i) / 48_000
            left[i] = Float(0.3 * sin(2 * .pi * 60 * t) + 0.05 * sin(2 * .pi * 8000 * t))
        }
        try Self.compare(left: left, right: [Float](repeating: 0, count: left.count), "60 Hz + 8 kHz, left only")
    }

    @Test func musicWithAQuietPassageIsGated() throws {
        let loud = Synth.mix(Synth.drums(bpm: 120, seconds: 4),
                             Synth.progression(.init(tonic: .g, scale: .minor), seconds: 4))
        let quiet = Synth.progression(.init(tonic: .g, scale: .minor), seconds: 4).map { $0 * 0.01 }
        let silent = [Float](repeating: 0, count: 48_000)
        let audio = loud + quiet + silent + loud
        try Self.compare(left: audio, right: audio.map { $0 * 0.7 }, "music with a quiet passage")
    }

    @Test func quietNoise() throws {
        let noise = Synth.whiteNoise(seconds: 4, amplitude: 0.003)
        try Self.compare(left: noise, right: Synth.whiteNoise(seconds: 4, amplitude: 0.003, seed: 99), "quiet noise")
    }

    @Test("a pulsing 40 Hz bass line with a DC offset, of odd length")
    func deepBassOfOddLength() throws {
        var left = [Float](repeating: 0, count: 113_777)
        for i in left.indices {
            let t = Double(i) / 48_000
            let pulse = (t.truncatingRemainder(dividingBy: 0.5)) < 0.12 ? 1.0 : 0.15
            left[i] = Float(0.6 * pulse * sin(2 * .pi * 40 * t) + 0.2)  // and a DC offset
        }
        try Self.compare(left: left, right: left.map { -$0 * 0.5 }, "40 Hz bass with DC, 2.37 s")
    }
}

/// Where the ffmpeg command-line tool is on `PATH`, as the other tests find it.
enum FFmpegTool {
    static let path: String? = EndToEnd.executable("ffmpeg")
}

/// The meter on its own (no ffmpeg needed): the same loudness however the stream is cut into
/// buffers, and the loudness of a plain Double BS.1770 filter over the whole stream.
struct LoudnessMeterTests {
    /// Five and a half seconds of drums and chords, louder on the left, with a quiet stretch
    /// (some blocks fall under the relative gate) and 40 Hz with a DC offset on the right.
    static let audio: (left: [Float], right: [Float]) = {
        let music = Synth.mix(Synth.drums(bpm: 124, seconds: 5.5),
                              Synth.progression(.init(tonic: .d, scale: .minor), seconds: 5.5))
        var left = music, right = music.map { $0 * 0.5 }
        for i in 96_000..<144_000 { left[i] *= 0.02; right[i] *= 0.02 }
        for i in right.indices { right[i] += Float(0.2 * sin(2 * Double.pi * 40 * Double(i) / 48_000) + 0.05) }
        return (left, right)
    }()

    /// The meter's loudness with the audio fed in buffers of the given sizes, in turn.
    static func measure(bufferSizes: [Int]) -> Double {
        var meter = LoudnessMeter()
        var start = 0, turn = 0
        while start < audio.left.count {
            let end = min(audio.left.count, start + bufferSizes[turn % bufferSizes.count])
            meter.add(left: Array(audio.left[start..<end]), right: Array(audio.right[start..<end]))
            start = end
            turn += 1
        }
        return meter.integratedLoudness
    }

    /// BS.1770-4 in Double, one filter pass over the whole stream, then the same gating.
    static func reference() -> Double {
        func kWeighted(_ x: [Float]) -> [Double] {
            let b = (1.53512485958697, -2.69169618940638, 1.19839281085285)
            let a = (-1.69065929318241, 0.73248077421585)
            let h = (-1.99004745483398, 0.99007225036621)
            var (x1, x2, y1, y2, w1, w2) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
            return x.map { sample in
                let xn = Double(sample)
                let feedForward: Double = b.0 * xn + b.1 * x1 + b.2 * x2
                let y: Double = feedForward - a.0 * y1 - a.1 * y2
                let w: Double = (y - 2 * y1 + y2) - h.0 * w1 - h.1 * w2
                (x2, x1, y2, y1, w2, w1) = (x1, xn, y1, y, w1, w)
                return w
            }
        }
        let left = kWeighted(audio.left), right = kWeighted(audio.right)
        var blocks: [Double] = []
        for start in stride(from: 0, through: left.count - 19_200, by: 4_800) {
            var sum = 0.0
            for i in start..<start + 19_200 {
                let l: Double = left[i], r: Double = right[i]
                sum += l * l + r * r
            }
            blocks.append(sum / 19_200)
        }
        let loud = blocks.filter { -0.691 + 10 * log10($0) > -70 }
        let ungated = loud.reduce(0, +) / Double(loud.count)
        let kept = loud.filter { $0 > ungated / 10 }
        return -0.691 + 10 * log10(kept.reduce(0, +) / Double(kept.count))
    }

    @Test func bufferBoundariesDoNotMatter() {
        let whole = Self.measure(bufferSizes: [Self.audio.left.count])
        for sizes in [[8192], [1115, 1114], [1], [4799, 4801, 13], [4800]] {
            let cut = Self.measure(bufferSizes: sizes)
            #expect(abs(cut - whole) < 0.001, "buffers of \(sizes): \(cut) LUFS, in one: \(whole)")
        }
    }

    @Test func matchesADoubleFilterOverTheWholeStream() {
        let reference = Self.reference()
        let measured = Self.measure(bufferSizes: [8192])
        #expect(abs(measured - reference) < 0.01, "\(measured) LUFS, Double reference \(reference)")
    }

    @Test func shorterThanOneBlockIsSilence() {
        let noise = Synth.whiteNoise(seconds: 1)
        var short = LoudnessMeter(), block = LoudnessMeter()
        short.add(left: Array(noise[..<19_199]), right: Array(noise[..<19_199]))
        block.add(left: Array(noise[..<19_200]), right: Array(noise[..<19_200]))
        #expect(short.integratedLoudness == LoudnessMeter.silence)
        #expect(block.integratedLoudness > -20)
    }
}
