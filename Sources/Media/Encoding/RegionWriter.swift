import Foundation
import Model

/// Writes a region of an audio file to a new file: decoded once from the region's start
/// (sample-exactly, as the player's loop) and encoded as WAV or MP3 with the library's settings.
public enum RegionWriter {
    /// Thrown inside the decode once the region is written, to stop decoding there.
    private struct RegionWritten: Error {}

    /// Writes `region` of the file at `source` to `path` as `format`; returns the frames
    /// written (fewer than the region's when the file ends first).
    ///
    /// - Throws: `MediaError` (`media.*`, `output.unwritable`); `media.empty` when the region
    ///   starts past the end of the audio.
    @discardableResult
    public static func write(_ region: LoopRegion, of source: String, to path: String, as format: ExportFormat) throws -> Int {
        let decoder = try AudioDecoder(path: source)
        let sink = try EncodingSink(name: format.rawValue, path: path, settings: format == .mp3 ? .mp3 : .wav)
        let wanted = region.frames(at: AudioBuffer.sampleRate).count
        var written = 0
        do {
            do {
                _ = try decoder.run(from: region.start) { buffer in
                    let take = min(buffer.frameCount, wanted - written)
                    try sink.consume(take == buffer.frameCount ? buffer
                                     : AudioBuffer(left: Array(buffer.left[..<take]), right: Array(buffer.right[..<take])))
                    written += take
                    if written >= wanted { throw RegionWritten() }
                }
            } catch is RegionWritten {}
            guard written > 0 else { throw MediaError.empty(source) }
            try sink.finish()
        } catch {
            sink.cancel()
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        return written
    }
}
