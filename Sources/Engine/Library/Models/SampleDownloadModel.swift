import FluentKit
import Foundation

/// A row of `sample_downloads`: one download or export.
final class SampleDownloadModel: Model, @unchecked Sendable {
    static let schema = "sample_downloads"

    @ID(key: .id) var id: UUID?
    @Field(key: "sample_id") var sampleID: UUID
    @OptionalField(key: "user_id") var userID: UUID?
    @Field(key: "format") var format: String
    @Field(key: "created_at") var createdAt: Double

    init() {}

    init(sampleID: UUID, userID: UUID?, format: String) {
        self.sampleID = sampleID
        self.userID = userID
        self.format = format
        self.createdAt = Date().timeIntervalSince1970
    }
}
