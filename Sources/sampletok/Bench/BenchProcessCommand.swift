import Analysis
import ArgumentParser
import Benchmarks
import Engine
import Foundation
import Media

/// `sampletok bench process`: the one pass against the seed's three ffmpeg runs.
struct BenchProcessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Time the one-pass processing against three ffmpeg CLI runs (WAV; MP3 320k; HLS AAC 320k).",
        discussion: """
            Generates TikTok-like MP4s (720x1280 H.264 + AAC 44.1 kHz stereo) of the given lengths once \
            (kept in --work), or takes your own files with --input (repeat it for several), then prints \
            for each file the median wall and CPU seconds over --runs runs of: the one pass with encoder \
            threads, the one pass on a single thread, and the seed's approach of three ffmpeg invocations \
            one after the other with default encoder settings; then the one pass's stages (median seconds \
            of the threaded runs). Needs ffmpeg on PATH.
            """)

    @Option(help: "Clip lengths in seconds, comma-separated (ignored with --input).")
    var durations: String = "60,180"

    @Option(name: .customLong("input"), help: ArgumentHelp("A media file to time instead of the generated clips; repeat for several.",
                                                           valueName: "file"))
    var inputs: [String] = []

    @Option(help: "Runs per measurement (the median is printed).")
    var runs: Int = 5

    @Option(help: "Folder for the generated clips and outputs.")
    var work: String = FileManager.default.temporaryDirectory.appendingPathComponent("sampletok-bench").path

    func validate() throws {
        guard runs > 0 else { throw ValidationError("--runs must be at least 1.") }
        guard !inputs.isEmpty || !lengths.isEmpty else { throw ValidationError("--durations must list seconds, e.g. 60,180.") }
    }

    private var lengths: [Int] { durations.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 > 0 } }

    func run() throws {
        MediaLog.configure()
        // A missing file is refused before anything is timed, as `sampletok process` refuses it.
        for input in inputs where !FileManager.default.fileExists(atPath: input) {
            _ = try CommandError.run { () throws(MediaError) in throw MediaError.notFound(input) }
        }
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        print("sampletok bench process — median of \(runs) run(s); CPU = user + system, all threads")
        if inputs.isEmpty {
            for seconds in lengths { try bench(try makeClip(seconds: seconds), title: "\(seconds)-s clip") }
        } else {
            for input in inputs { try bench(input, title: "input") }
        }
    }

    /// Times one file three ways and prints the figures and the one pass's stages.
    private func bench(_ clip: String, title: String) throws {
        var stages: [String: [Double]] = [:]
        var order: [String] = []
        var duration = 0.0
        let threaded = try measure {
            let (cpu, summary) = try onePass(clip, threaded: true)
            duration = summary.duration
            for stage in summary.stages {
                if stages[stage.name] == nil { order.append(stage.name) }
                stages[stage.name, default: []].append(stage.seconds)
            }
            return cpu
        }
        let single = try measure { try onePass(clip, threaded: false).cpu }
        let seed = try measure { try seedPipeline(clip) }
        print("\n\(title) \(clip) (\(String(format: "%.1f", duration)) s of audio)")
        print(pad("", 34) + pad("wall s", 10) + pad("CPU s", 10))
        row("one pass, encoder threads", threaded)
        row("one pass, single thread", single)
        row("seed: 3 ffmpeg runs", seed)
        print(String(format: "one pass / seed: wall %.2f (target ≤ 0.33), CPU %.2f (target ≤ 0.67)",
                     threaded.wall / seed.wall, threaded.cpu / seed.cpu))
        print("stages (s): " + order.map { "\($0) " + String(format: "%.3f", median(stages[$0] ?? [])) }.joined(separator: ", "))
    }

    private struct Figures { var wall: Double; var cpu: Double }

    private func row(_ label: String, _ f: Figures) {
        print(pad("  " + label, 34) + pad(String(format: "%.2f", f.wall), 10) + pad(String(format: "%.2f", f.cpu), 10))
    }

    private func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: max(n, s.count), withPad: " ", startingAt: 0) }

    /// Median wall and CPU seconds of `runs` calls; `body` returns the CPU seconds it used.
    private func measure(_ body: () throws -> Double) throws -> Figures {
        var walls: [Double] = [], cpus: [Double] = []
        for _ in 0..<runs {
            let start = ProcessClock.wall()
            cpus.append(try body())
            walls.append(ProcessClock.wall() - start)
        }
        return Figures(wall: median(walls), cpu: median(cpus))
    }

    /// One pass over `clip`: the CPU seconds it used and its summary. A `MediaError` ends the
    /// bench with its dotted code, as `sampletok process` would.
    private func onePass(_ clip: String, threaded: Bool) throws -> (cpu: Double, summary: ProcessSummary) {
        let cpu = ProcessClock.cpu()
        let summary = try CommandError.run { () throws(MediaError) in
            try MediaProcessor.process(input: clip, output: "\(work)/onepass", options: ProcessOptions(threadedEncoders: threaded))
        }
        return (ProcessClock.cpu() - cpu, summary)
    }

    private func seedPipeline(_ clip: String) throws -> Double {
        let out = "\(work)/seed"
        try? FileManager.default.removeItem(atPath: out)
        try FileManager.default.createDirectory(atPath: "\(out)/hls", withIntermediateDirectories: true)
        let cpu = ProcessClock.childrenCPU()
        let common = ["ffmpeg", "-v", "error", "-nostdin", "-y", "-i", clip, "-vn", "-ar", "48000"]
        for extra in [["-c:a", "pcm_s24le", "\(out)/audio.wav"],
                      ["-c:a", "libmp3lame", "-b:a", "320k", "\(out)/audio.mp3"],
                      ["-c:a", "aac", "-b:a", "320k", "-f", "hls", "-hls_time", "2", "-hls_playlist_type", "vod",
                       "-hls_segment_filename", "\(out)/hls/seg%03d.ts", "\(out)/hls/index.m3u8"]] {
            guard try Subprocess.run(common + extra) == 0 else { throw ValidationError("ffmpeg failed: \(extra)") }
        }
        return ProcessClock.childrenCPU() - cpu
    }

    /// A TikTok-like clip: 720x1280 30 fps H.264 over a music-like AAC track at 44.1 kHz.
    private func makeClip(seconds: Int) throws -> String {
        let path = "\(work)/tiktok-\(seconds)s.mp4"
        if FileManager.default.fileExists(atPath: path) { return path }
        FileHandle.standardError.write(Data("generating \(path)…\n".utf8))
        let music = "aevalsrc='0.3*sin(2*PI*110*t)*(1+sin(2*PI*2*t))/2+0.2*sin(2*PI*(440+20*sin(2*PI*0.5*t))*t)"
            + "+0.1*sin(2*PI*660*t)*exp(-mod(t,0.5)*8)|0.3*sin(2*PI*110*t)*(1+cos(2*PI*2*t))/2"
            + "+0.2*sin(2*PI*554*t)*exp(-mod(t,0.25)*6)':s=44100:d=\(seconds)"
        let status = try Subprocess.run([
            "ffmpeg", "-v", "error", "-nostdin", "-y",
            "-f", "lavfi", "-i", "testsrc2=size=720x1280:rate=30:duration=\(seconds)",
            "-f", "lavfi", "-i", music, "-f", "lavfi", "-i", "anoisesrc=c=pink:a=0.05:d=\(seconds):r=44100",
            "-filter_complex", "[1][2]amix=inputs=2:normalize=0,aformat=channel_layouts=stereo[a]",
            "-map", "0:v", "-map", "[a]", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart", path,
        ])
        guard status == 0 else { throw ValidationError("ffmpeg could not generate the benchmark clip") }
        return path
    }
}
