import Foundation
import Media

extension MediaProcessor {
    /// Makes only the HLS stream of `input` in `folder/hls` (for samples stored before HLS existed).
    public static func makeHLS(input: String, folder: String) throws(MediaError) {
        let decoder = try AudioDecoder(path: input)
        let hls = "\(folder)/\(FileName.hlsFolder)"
        do {
            try FileManager.default.createDirectory(atPath: hls, withIntermediateDirectories: true)
        } catch {
            throw .outputUnwritable(hls, "cannot create the folder")
        }
        let sink = try EncodingSink(name: "hls", path: "\(hls)/\(FileName.playlist)", settings: .hls(segmentPattern: "\(hls)/seg_%03d.m4s"))
        do {
            _ = try decoder.run { try sink.consume($0) }
            try sink.finish()
        } catch let error as MediaError {
            sink.cancel()
            throw error
        } catch {
            sink.cancel()
            throw .internal("HLS", "\(error)")
        }
    }
}
