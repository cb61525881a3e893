import FluentKit
import Foundation
import Model

/// A row of `stem_jobs`: one stem request. Its durable job (`jobs`, kind `stems`) has the same id.
final class StemJobModel: Model, @unchecked Sendable {
    static let schema = "stem_jobs"

    @ID(key: .id) var id: UUID?
    @Field(key: "sample_id") var sampleID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "provider") var provider: String
    /// The requested types, comma-separated (`vocal,drum`).
    @Field(key: "requested") var requested: String
    @Field(key: "status") var status: String
    @OptionalField(key: "error_code") var errorCode: String?
    @OptionalField(key: "error_message") var errorMessage: String?
    @Field(key: "cost") var cost: Int
    @Field(key: "created_at") var createdAt: Double
    @Field(key: "updated_at") var updatedAt: Double
    @OptionalField(key: "completed_at") var completedAt: Double?

    init() {}

    /// The requested stem types.
    var requestedTypes: [StemType] { requested.split(separator: ",").compactMap { StemType(rawValue: String($0)) } }

    /// The shared description of this stem job, with `stems`.
    func stemJob(stems: [Stem]) -> StemJob {
        StemJob(id: id ?? UUID(), sampleID: sampleID, userID: userID, provider: provider, requested: requestedTypes,
                status: SampleStatus(rawValue: status) ?? .pending,
                error: errorCode.map { SampleTokError(code: $0, message: errorMessage ?? "") },
                cost: cost, stems: stems, createdAt: Date(timeIntervalSince1970: createdAt),
                updatedAt: Date(timeIntervalSince1970: updatedAt), completedAt: completedAt.map(Date.init(timeIntervalSince1970:)))
    }
}
