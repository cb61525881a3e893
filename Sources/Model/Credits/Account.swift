/// What `GET /api/v1/me` and `SampleTokClient.me()` answer: the user, their credit balance and
/// their latest ledger entries, newest first.
public struct Account: Codable, Sendable, Hashable {
    /// The user.
    public var user: User
    /// Their credit balance (the same as `user.credits`).
    public var balance: Int
    /// Their latest ledger entries, newest first (at most `Account.ledgerLimit`).
    public var ledger: [LedgerEntry]

    /// How many ledger entries an account carries.
    public static let ledgerLimit = 20

    /// Creates an account.
    public init(user: User, ledger: [LedgerEntry]) {
        self.user = user
        self.balance = user.credits
        self.ledger = ledger
    }
}
