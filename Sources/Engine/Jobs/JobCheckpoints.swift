import Foundation
import Model
import Resolvers

/// The results of a job's finished steps, saved after each step so a retry or a restart
/// resumes at the first step without one.
struct JobCheckpoints: Codable, Sendable {
    /// `resolve`: what the submission points at.
    var source: SourceMedia?
    /// `download`: the local media file.
    var mediaPath: String?
    /// `process`: the folder the pass wrote, and its summary.
    var processed: ProcessedMedia?
    /// `analyze`: tempo, key, loudness.
    var analysis: AnalysisResult?
    /// `store`: the stored files.
    var files: SampleFiles?

    struct ProcessedMedia: Codable, Sendable {
        var folder: String
        var duration: Double
        var analysis: AnalysisResult?
    }

    static func decode(_ text: String) -> JobCheckpoints {
        (try? JSONDecoder().decode(JobCheckpoints.self, from: Data(text.utf8))) ?? JobCheckpoints()
    }

    func encoded() -> String {
        (try? JSONEncoder().encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
