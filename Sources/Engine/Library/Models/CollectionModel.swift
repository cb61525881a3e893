import FluentKit
import Foundation

/// A row of `collections`: one batch of a user's, with the credits it was charged and given back.
final class CollectionModel: Model, @unchecked Sendable {
    static let schema = "collections"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "source") var source: String
    @OptionalField(key: "tiktok_user") var tiktokUser: String?
    /// What one item cost when the collection was made (its refunds give back the same).
    @Field(key: "item_credits") var itemCredits: Int
    @Field(key: "credits_charged") var creditsCharged: Int
    @Field(key: "credits_refunded") var creditsRefunded: Int
    @Field(key: "created_at") var createdAt: Double
    @Field(key: "updated_at") var updatedAt: Double
    @OptionalField(key: "reset_at") var resetAt: Double?

    init() {}
}

/// A row of `collection_items`: one URL of a collection. Its `status` is `pending` until the
/// sample is completed or failed for good (or a reset cancels it); "processing" is read from
/// the sample.
final class CollectionItemModel: Model, @unchecked Sendable {
    static let schema = "collection_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "collection_id") var collectionID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "url") var url: String
    @OptionalField(key: "sample_id") var sampleID: UUID?
    @Field(key: "status") var status: String
    @OptionalField(key: "error_code") var errorCode: String?
    @OptionalField(key: "error_message") var errorMessage: String?
    @Field(key: "updated_at") var updatedAt: Double
    /// What the item was charged: 0 when it was not (a refused link, a sample already in the
    /// library); nil for items made before `AddCollectionItemCredits`, charged the item price.
    @OptionalField(key: "credits") var credits: Int?

    init() {}
}
