import Foundation
import Model

extension SampleModel {
    /// The shared `Sample` this row describes.
    func sample() throws -> Sample {
        guard let id else { throw SampleTokError(code: "library.internal", message: "a sample row has no id") }
        var analysis: AnalysisResult?
        if let duration, let bpm {
            let key = self.key.flatMap(PitchClass.init(name:)).flatMap { tonic in
                scale.flatMap(Scale.init(rawValue:)).map { MusicalKey(tonic: tonic, scale: $0) }
            }
            analysis = AnalysisResult(durationSeconds: duration, bpm: bpm, bpmConfidence: bpmConfidence ?? 0, key: key,
                                      keyConfidence: keyConfidence ?? 0, loudnessLUFS: loudness ?? -70)
        }
        let overrideKey = keyOverride.flatMap(PitchClass.init(name:)).flatMap { tonic in
            scaleOverride.flatMap(Scale.init(rawValue:)).map { MusicalKey(tonic: tonic, scale: $0) }
        }
        let overrides = SampleOverrides(bpm: bpmOverride, key: overrideKey)
        let stats = SampleStats(views: viewCount, likes: likeCount, comments: commentCount, shares: shareCount)
        return Sample(
            id: id, status: SampleStatus(rawValue: status) ?? .pending, sourceURL: sourceURL, canonicalURL: canonicalURL,
            platform: platform, title: title, description: details, creator: creator,
            stats: stats == SampleStats() ? nil : stats, duration: duration, analysis: analysis,
            overrides: overrides.isEmpty ? nil : overrides,
            files: try files.map { try JSONDecoder().decode(SampleFiles.self, from: Data($0.utf8)) },
            downloadCount: downloadCount,
            error: errorCode.map { SampleTokError(code: $0, message: errorMessage ?? "") },
            createdAt: Date(timeIntervalSince1970: createdAt), updatedAt: Date(timeIntervalSince1970: updatedAt),
            completedAt: completedAt.map(Date.init(timeIntervalSince1970:)))
    }

    /// Stores an analysis in the detected columns (overrides stay as they are).
    func apply(_ analysis: AnalysisResult) {
        duration = analysis.durationSeconds
        bpm = analysis.bpm
        bpmConfidence = analysis.bpmConfidence
        key = analysis.key?.name
        scale = analysis.scale?.rawValue
        keyConfidence = analysis.keyConfidence
        camelot = analysis.camelot
        loudness = analysis.loudnessLUFS
    }

    /// Stores a user's overrides; nil values clear them.
    func apply(_ overrides: SampleOverrides) {
        bpmOverride = overrides.bpm
        keyOverride = overrides.key?.tonic.name
        scaleOverride = overrides.key?.scale.rawValue
        camelotOverride = overrides.key?.camelot
    }

    /// Stores the files of a completed sample.
    func apply(_ files: SampleFiles) throws {
        self.files = String(decoding: try JSONEncoder().encode(files), as: UTF8.self)
    }
}
