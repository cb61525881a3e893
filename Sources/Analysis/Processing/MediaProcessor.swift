import Foundation
import Media
import Model

/// The `process` step: one demux, decode and resample of the input, fanned out to every
/// output (WAV, MP3, HLS, peaks) and the analysis (tempo, key, loudness), then the peaks file and the waveform picture. Outputs are
/// built in a temporary folder beside the destination and renamed into place at the end,
/// so a failure leaves the destination as it was.
public enum MediaProcessor {
    /// The file names inside an output folder.
    public enum FileName {
        /// 48 kHz 24-bit PCM WAV.
        public static let wav = "audio.wav"
        /// 320 kb/s MP3.
        public static let mp3 = "audio.mp3"
        /// The HLS folder.
        public static let hlsFolder = "hls"
        /// The HLS playlist inside `hlsFolder`.
        public static let playlist = "index.m3u8"
        /// The waveform peaks.
        public static let peaks = "peaks.json"
        /// The waveform picture.
        public static let waveform = "waveform.png"
    }

    /// Processes `input` into the folder `output`.
    ///
    /// - Throws: `MediaError` with a dotted code; on failure nothing is left in `output`.
    public static func process(input: String, output: String, options: ProcessOptions = ProcessOptions()) throws(MediaError)
        -> ProcessSummary
    {
        let wallStart = ProcessClock.wall()
        let cpuStart = ProcessClock.cpu()
        let decoder = try AudioDecoder(path: input, limits: options.limits)
        let staging = try StagingDirectory(destination: URL(fileURLWithPath: output))
        var fanOut: FanOut?
        do {
            try FileManager.default.createDirectory(atPath: staging.path(FileName.hlsFolder), withIntermediateDirectories: true)
            let peaks = PeaksBuilder()
            let analysis: AnalysisSink
            do { analysis = try AnalysisSink() } catch { throw MediaError.internal("analysis", error.message) }
            let encoders: [AudioSink] = [
                try EncodingSink(name: "mp3", path: staging.path(FileName.mp3), settings: .mp3),
                try EncodingSink(name: "hls", path: staging.path("\(FileName.hlsFolder)/\(FileName.playlist)"),
                                 settings: .hls(segmentPattern: staging.path("\(FileName.hlsFolder)/seg_%03d.m4s"))),
            ]
            let sinks: [AudioSink] = encoders.map { options.threadedEncoders ? ThreadedSink($0) : $0 }
                + [try EncodingSink(name: "wav", path: staging.path(FileName.wav), settings: .wav), peaks, analysis]
            let fan = FanOut(sinks)
            fanOut = fan
            let decodeStart = ProcessClock.wall()
            let expected = max(1, (decoder.info.declaredDuration ?? 0) * Double(AudioBuffer.sampleRate))
            var decoded = 0.0, reported = 0.0
            let report = try decoder.run { buffer in
                if options.isCancelled() { throw MediaError.cancelled(input) }
                try fan.consume(buffer)
                decoded += Double(buffer.frameCount)
                if let progress = options.progress, decoded / expected - reported >= 0.02 {
                    reported = min(1, decoded / expected)
                    progress(reported)
                }
            }
            let decodeSeconds = ProcessClock.wall() - decodeStart - fan.callerSeconds
            try fan.finish()
            if options.isCancelled() { throw MediaError.cancelled(input) }

            let peaksStart = ProcessClock.wall()
            let waveform = peaks.peaks()
            try write(JSONEncoder().encode(waveform), to: staging.path(FileName.peaks))
            let peaksSeconds = ProcessClock.wall() - peaksStart
            let pngStart = ProcessClock.wall()
            let image = WaveformImage()
            let png = try PNGEncoder.encode(rgb: image.render(peaks.level(bins: image.width)), width: image.width, height: image.height)
            try write(png, to: staging.path(FileName.waveform))
            let pngSeconds = ProcessClock.wall() - pngStart

            let outputs = try describeOutputs(in: staging)
            try staging.commit()
            var stages = [ProcessSummary.Stage(name: "decode", seconds: decodeSeconds)]
            for timing in fan.timings {
                let extra = timing.name == "peaks" ? peaksSeconds : 0
                stages.append(.init(name: timing.name, seconds: timing.seconds + extra))
            }
            stages.append(.init(name: "png", seconds: pngSeconds))
            return ProcessSummary(
                input: input, source: decoder.info, duration: report.duration, frames: report.frames,
                channelMapping: report.channelMapping, outputs: outputs, analysis: analysis.result, descriptor: analysis.descriptor, stages: stages,
                wallSeconds: ProcessClock.wall() - wallStart, cpuSeconds: ProcessClock.cpu() - cpuStart,
                warnings: report.warnings)
        } catch {
            fanOut?.cancel()
            staging.discard()
            if let error = error as? MediaError { throw error }
            throw MediaError.internal("processing", "\(error)")
        }
    }

    private static func write(_ data: Data, to path: String) throws(MediaError) {
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            throw .outputUnwritable(path, error.localizedDescription)
        }
    }

    private static func describeOutputs(in staging: StagingDirectory) throws(MediaError) -> [ProcessSummary.OutputFile] {
        func size(_ relative: String) -> Int {
            let attributes = try? FileManager.default.attributesOfItem(atPath: staging.path(relative))
            return (attributes?[.size] as? NSNumber)?.intValue ?? 0
        }
        let hlsFiles = (try? FileManager.default.contentsOfDirectory(atPath: staging.path(FileName.hlsFolder))) ?? []
        let hlsBytes = hlsFiles.reduce(0) { $0 + size("\(FileName.hlsFolder)/\($1)") }
        return [
            .init(name: "wav", path: FileName.wav, bytes: size(FileName.wav), contentType: "audio/wav", files: 1),
            .init(name: "mp3", path: FileName.mp3, bytes: size(FileName.mp3), contentType: "audio/mpeg", files: 1),
            .init(name: "hls", path: "\(FileName.hlsFolder)/\(FileName.playlist)", bytes: hlsBytes,
                  contentType: "application/vnd.apple.mpegurl", files: hlsFiles.count),
            .init(name: "peaks", path: FileName.peaks, bytes: size(FileName.peaks), contentType: "application/json", files: 1),
            .init(name: "png", path: FileName.waveform, bytes: size(FileName.waveform), contentType: "image/png", files: 1),
        ]
    }
}
