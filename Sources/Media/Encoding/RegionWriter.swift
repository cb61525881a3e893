import Foundation
import Model

/// Writes a region of an audio file (or all of it) to a new file: decoded once from the
/// region's start (sample-exactly, as the player's loop), bent by a sync when one is given (the
/// same stretcher as the preview: "as heard"), and encoded as WAV or MP3 with the library's
/// settings.
public enum RegionWriter {
    /// Writes `region` (nil: all) of the file at `source` to `path` as `format`, bent by `sync`;
    /// returns the source frames read (fewer than the region's when the file ends first).
    ///
    /// - Throws: `MediaError` (`media.*`, `output.unwritable`); `media.empty` when the region
    ///   starts past the end of the audio.
    @discardableResult
    public static func write(_ region: LoopRegion?, of source: String, to path: String, as format: ExportFormat,
                             sync: PlaybackSync? = nil) throws -> Int {
        let decoder = try AudioDecoder(path: source)
        let sink = try EncodingSink(name: format.rawValue, path: path, settings: format == .mp3 ? .mp3 : .wav)
        let stretcher = try sync.map { sync in
            guard let made = TimeStretcher(sync) else { throw MediaError.internal("rubberband_new", "cannot make a stretcher") }
            return made
        }
        var read = 0
        do {
            read = try decoder.run(from: region?.start ?? 0, frames: region?.frames(at: AudioBuffer.sampleRate).count ?? .max) { buffer in
                guard buffer.frameCount > 0 else { return }
                try sink.consume(stretcher.map { $0.process(buffer.left[...], buffer.right[...]) } ?? buffer)
            }
            guard read > 0 else { throw MediaError.empty(source) }
            if let rest = stretcher?.finish() { try sink.consume(rest) }
            try sink.finish()
        } catch {
            sink.cancel()
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        return read
    }
}
