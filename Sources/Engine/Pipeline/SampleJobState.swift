import Foundation
import Model
import Resolvers

/// What the finished steps of a sample job made (its checkpoint).
struct SampleJobState: JobState {
    /// `resolve`: what the submission points at.
    var source: SourceMedia?
    /// `download`: the local media file.
    var mediaPath: String?
    /// `process`: the folder the pass wrote, its duration and analysis.
    var processed: ProcessedMedia?
    /// `store`: the stored files.
    var files: SampleFiles?

    init() {}

    /// Whether `step`'s result is here, and the file or folder it names still exists (a work
    /// folder can be lost with a machine), so the step need not run again.
    func isDone(_ step: SampleStep) -> Bool {
        let exists = { (path: String?) in path.map { FileManager.default.fileExists(atPath: $0) } ?? false }
        switch step {
        case .resolve: return source != nil
        case .download: return exists(mediaPath)
        case .process: return exists(processed?.folder)
        case .store: return files != nil
        case .save: return false
        }
    }
}

/// What the one decode pass made of a media file: the folder of its outputs, its duration and
/// its analysis. Samples and stems alike.
struct ProcessedMedia: Codable, Sendable {
    /// The folder holding WAV, MP3, HLS, peaks and PNG.
    var folder: String
    /// Seconds.
    var duration: Double
    /// Tempo, key and loudness.
    var analysis: AnalysisResult?
    /// The sound descriptor (nil in checkpoints written before it existed).
    var descriptor: SoundDescriptor?
}
