import Foundation

/// One change of a user's credit balance. Every change writes one, in the same transaction as
/// the change, so a user's entries always sum to their balance.
public struct LedgerEntry: Codable, Sendable, Hashable, Identifiable {
    /// The entry's id.
    public var id: UUID
    /// Whose balance changed.
    public var userID: UUID
    /// The change: negative for a charge, positive for a grant or a refund.
    public var delta: Int
    /// The balance right after this change.
    public var balanceAfter: Int
    /// Why (`stems.charge`, `stems.refund`, `stem.download`, `admin.grant`, …).
    public var reason: LedgerReason
    /// What it was for: the stem job, stem or collection, when there is one.
    public var reference: UUID?
    /// When.
    public var createdAt: Date

    /// Creates an entry.
    public init(id: UUID, userID: UUID, delta: Int, balanceAfter: Int, reason: LedgerReason, reference: UUID?, createdAt: Date) {
        self.id = id
        self.userID = userID
        self.delta = delta
        self.balanceAfter = balanceAfter
        self.reason = reason
        self.reference = reference
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, delta, reason, reference
        case userID = "user_id"
        case balanceAfter = "balance_after"
        case createdAt = "created_at"
    }
}
