import FluentKit
import Foundation
import Model

/// A row of `credit_ledger`: one change of a user's balance.
final class LedgerEntryModel: Model, @unchecked Sendable {
    static let schema = "credit_ledger"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "delta") var delta: Int
    @Field(key: "balance_after") var balanceAfter: Int
    @Field(key: "reason") var reason: String
    @OptionalField(key: "reference") var reference: UUID?
    @Field(key: "created_at") var createdAt: Double

    init() {}

    /// The shared description of this entry.
    func entry() -> LedgerEntry {
        LedgerEntry(id: id ?? UUID(), userID: userID, delta: delta, balanceAfter: balanceAfter,
                    reason: LedgerReason(rawValue: reason), reference: reference,
                    createdAt: Date(timeIntervalSince1970: createdAt))
    }
}
