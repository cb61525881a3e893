import Analysis
import Foundation
import Media
import Model
import Resolvers

/// The one decode pass (`MediaProcessor`) and the storing of what it wrote: what the sample and
/// stem pipelines (and the HLS backfill) share, and all they are given of the blob store.
struct MediaOutputs: Sendable {
    let parts: LibraryParts

    /// The one decode pass of `input` into the folder `output`, off the cooperative threads:
    /// WAV, MP3, HLS, peaks, PNG and the analysis. Samples and stems both go through here.
    /// `containers` are those `input` may be (by default those of media that came from
    /// elsewhere). Cancelling the calling task stops the pass within a buffer.
    func process(input: String, output: String, containers: ContainerPolicy = .downloaded,
                 progress: @escaping @Sendable (Double) -> Void) async throws -> ProcessedMedia {
        let limits = DecodeLimits(maxDuration: parts.configuration.maxDuration, containers: containers)
        let summary = try await Blocking.runCancellable { isCancelled throws -> ProcessSummary in
            do {
                let options = ProcessOptions(limits: limits, progress: progress, isCancelled: isCancelled)
                return try MediaProcessor.process(input: input, output: output, options: options)
            } catch let error as MediaError {
                throw SampleTokError(error)
            }
        }
        return .init(folder: output, duration: summary.duration, analysis: summary.analysis, descriptor: summary.descriptor)
    }

    /// Puts the files of a processing pass (the folder `MediaProcessor` wrote) in the blob store
    /// under `prefix` (a sample's folder, or a stem's inside it).
    func store(_ folder: URL, under prefix: BlobKey) async throws -> SampleFiles {
        var files = SampleFiles()
        files.wav = try await put(folder, MediaProcessor.FileName.wav, "audio/wav", prefix)
        files.mp3 = try await put(folder, MediaProcessor.FileName.mp3, "audio/mpeg", prefix)
        files.peaks = try await put(folder, MediaProcessor.FileName.peaks, "application/json", prefix)
        files.waveform = try await put(folder, MediaProcessor.FileName.waveform, "image/png", prefix)
        try await storeHLS(of: folder, under: prefix, into: &files)
        return files
    }

    /// Puts the `hls` folder of `folder` in the blob store: segments first, the playlist last, so
    /// that once the playlist is there every file it names is there.
    func storeHLS(of folder: URL, under prefix: BlobKey, into files: inout SampleFiles) async throws {
        let hls = MediaProcessor.FileName.hlsFolder
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(hls).path).sorted()
        var segments: [SampleFile] = []
        for name in names where name != MediaProcessor.FileName.playlist {
            let type = name.hasSuffix(".m4s") ? "video/iso.segment" : "audio/mp4"
            segments.append(try await put(folder, "\(hls)/\(name)", type, prefix))
        }
        files.hls = try await put(folder, "\(hls)/\(MediaProcessor.FileName.playlist)", "application/vnd.apple.mpegurl", prefix)
        files.hlsSegments = segments
        files.hlsFirstSegment = segments.first { $0.key.hasSuffix(".m4s") }
    }

    private func put(_ folder: URL, _ relative: String, _ type: String, _ prefix: BlobKey) async throws -> SampleFile {
        let key: BlobKey
        do { key = try BlobKey("\(prefix.description)/\(relative)") } catch {
            throw SampleTokError(.storageInvalidKey, error.description)
        }
        let stored = try await parts.blobs.put(file: folder.appendingPathComponent(relative), key: key, contentType: type)
        return SampleFile(key: key.description, contentType: type, bytes: stored.bytes)
    }
}
