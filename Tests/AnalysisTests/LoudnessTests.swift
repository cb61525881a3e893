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
