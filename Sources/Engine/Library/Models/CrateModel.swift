import FluentKit
import Foundation

/// A row of `crates`: a user's named list of samples.
final class CrateModel: Model, @unchecked Sendable {
    static let schema = "crates"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "name") var name: String
    @Field(key: "created_at") var createdAt: Double
    @Field(key: "updated_at") var updatedAt: Double

    init() {}
}

/// A row of `crate_items`: a sample at its place (from 1) in a crate.
final class CrateItemModel: Model, @unchecked Sendable {
    static let schema = "crate_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "crate_id") var crateID: UUID
    @Field(key: "sample_id") var sampleID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "added_at") var addedAt: Double

    init() {}
}

/// A row of `sample_stars`: a sample a user starred.
final class SampleStarModel: Model, @unchecked Sendable {
    static let schema = "sample_stars"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "sample_id") var sampleID: UUID
    @Field(key: "created_at") var createdAt: Double

    init() {}
}
