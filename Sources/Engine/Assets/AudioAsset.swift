import Foundation
import Model

/// Which stored audio a caller means: a sample's, or a stem's.
public enum AudioAssetID: Sendable, Hashable {
    /// The sample with this id.
    case sample(UUID)
    /// The stem with this id.
    case stem(UUID)
}

/// A sample's or a stem's stored audio in one shape: what peaks, export, downloads and media
/// need of either (its files, whether it is ready, its "not ready" refusal, who may fetch it).
/// `AssetService` reads it for a viewer: a stem only for its owner or an admin.
public enum AudioAsset: Sendable {
    /// A sample (everyone may see it).
    case sample(Sample)
    /// A stem, priced for the viewer it was read for.
    case stem(Stem)

    /// Its id.
    public var id: AudioAssetID {
        switch self {
        case .sample(let sample): return .sample(sample.id)
        case .stem(let stem): return .stem(stem.id)
        }
    }

    /// Its status.
    public var status: SampleStatus {
        switch self {
        case .sample(let sample): return sample.status
        case .stem(let stem): return stem.status
        }
    }

    /// Its stored files (nil before it is processed).
    public var files: SampleFiles? {
        switch self {
        case .sample(let sample): return sample.files
        case .stem(let stem): return stem.files
        }
    }

    /// Its stored file in `format` once it is completed (`sample.not_ready`, `stem.not_ready` before).
    func file(_ format: ExportFormat) throws -> SampleFile {
        guard status == .completed, let file = format == .wav ? files?.wav : files?.mp3 else { throw notReady }
        return file
    }

    /// Its stored peaks' key (`sample.not_ready`, `stem.not_ready` before there are peaks).
    func peaksKey() throws -> BlobKey {
        guard let peaks = files?.peaks, let key = try? BlobKey(peaks.key) else { throw notReady }
        return key
    }

    /// How a refusal names it: `sample <id>` or `stem <id>`.
    var subject: String {
        switch self {
        case .sample(let sample): return "sample \(sample.id.uuidString)"
        case .stem(let stem): return "stem \(stem.id.uuidString)"
        }
    }

    /// The refusal of a file it does not have yet.
    private var notReady: SampleTokError {
        switch self {
        case .sample(let sample): return SampleTokError.sampleNotReady(sample.id.uuidString, status: sample.status)
        case .stem(let stem): return SampleTokError.stemNotReady(stem.id.uuidString, status: stem.status)
        }
    }
}
