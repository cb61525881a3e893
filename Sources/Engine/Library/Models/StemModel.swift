import FluentKit
import Foundation
import Model

/// A row of `stems`: one stem of a stem job, with the same file and analysis columns as a sample.
final class StemModel: Model, AnalysisColumns, @unchecked Sendable {
    static let schema = "stems"

    @ID(key: .id) var id: UUID?
    @Field(key: "stem_job_id") var stemJobID: UUID
    @Field(key: "sample_id") var sampleID: UUID
    @Field(key: "type") var type: String
    @Field(key: "status") var status: String
    @Field(key: "estimate") var estimate: Bool
    @OptionalField(key: "files") var files: String?
    @OptionalField(key: "duration_s") var duration: Double?
    @OptionalField(key: "bpm") var bpm: Double?
    @OptionalField(key: "bpm_confidence") var bpmConfidence: Double?
    @OptionalField(key: "key") var key: String?
    @OptionalField(key: "scale") var scale: String?
    @OptionalField(key: "key_confidence") var keyConfidence: Double?
    @OptionalField(key: "key_alternative") var keyAlternative: String?
    @OptionalField(key: "beats") var beats: String?
    @OptionalField(key: "camelot") var camelot: String?
    @OptionalField(key: "features") var features: Data?
    @OptionalField(key: "loudness_lufs") var loudness: Double?
    @Field(key: "download_count") var downloadCount: Int
    @Field(key: "created_at") var createdAt: Double
    @OptionalField(key: "completed_at") var completedAt: Double?

    init() {}

    /// The shared description of this stem.
    func stem() throws -> Stem {
        guard let id, let type = StemType(rawValue: type) else {
            throw SampleTokError(.libraryInternal, "a stem row has no id or an unknown type")
        }
        return Stem(id: id, stemJobID: stemJobID, sampleID: sampleID, type: type, status: SampleStatus(rawValue: status) ?? .pending,
                    estimate: estimate, duration: duration, analysis: storedAnalysis,
                    files: try storedFiles, downloadCount: downloadCount, createdAt: Date(timeIntervalSince1970: createdAt),
                    completedAt: completedAt.map(Date.init(timeIntervalSince1970:)))
    }
}

/// A row of `stem_downloads`: a user downloaded a stem (once per user: the paid one).
final class StemDownloadModel: Model, @unchecked Sendable {
    static let schema = "stem_downloads"

    @ID(key: .id) var id: UUID?
    @Field(key: "stem_id") var stemID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "format") var format: String
    @Field(key: "created_at") var createdAt: Double

    init() {}

    init(stemID: UUID, userID: UUID, format: String) {
        self.id = UUID()
        self.stemID = stemID
        self.userID = userID
        self.format = format
        self.createdAt = Date().timeIntervalSince1970
    }
}
