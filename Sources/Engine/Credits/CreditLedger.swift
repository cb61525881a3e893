import FluentKit
import Foundation
import Model
import SQLKit

/// The one way a credit balance changes: inside the caller's transaction, a conditional update
/// of `users.credits` and its `credit_ledger` entry, so a user's entries always sum to their
/// balance and a balance never goes negative, however many requests race.
///
/// ```swift
/// try await parts.db.transaction { db in
///     let ledger = try CreditLedger(on: db)
///     try await ledger.charge(user: user.id, amount: 4, reason: .stemsCharge, reference: stemJobID)
///     // … rows that the charge pays for, in the same transaction
/// }
/// ```
/// A charge the balance does not cover throws `credits.insufficient` (HTTP 402), which rolls the
/// transaction back. Give credits back with `credit(…, reason: .stemsRefund, …)` in the
/// transaction that marks the paid-for work failed.
public struct CreditLedger: Sendable {
    let db: any Database
    let sql: any SQLDatabase

    /// A ledger writing through `db` (a transaction's database, usually).
    public init(on db: any Database) throws {
        guard let sql = db as? any SQLDatabase else {
            throw SampleTokError(.serverInternal, "The credit ledger needs an SQL database.")
        }
        self.db = db
        self.sql = sql
    }

    /// Takes `amount` (≥ 1) credits from `user` and records why; returns the entry. Throws
    /// `credits.insufficient` naming the balance and the cost when the balance is smaller,
    /// and `user.not_found` for an unknown user. Nothing changes when it throws.
    @discardableResult
    public func charge(user: UUID, amount: Int, reason: LedgerReason, reference: UUID?) async throws -> LedgerEntry {
        guard amount > 0 else { throw SampleTokError.invalid("A charge is at least 1 credit.") }
        let row = try await sql.raw("""
            UPDATE users SET credits = credits - \(bind: amount) WHERE id = \(bind: user) AND credits >= \(bind: amount) RETURNING credits
            """).first()
        guard let row, let balance = try? row.decode(column: "credits", as: Int.self) else {
            guard let model = try await UserModel.find(user, on: db) else { throw SampleTokError.userNotFound(user.uuidString) }
            throw SampleTokError.insufficientCredits(cost: amount, balance: model.credits)
        }
        return try await record(user: user, delta: -amount, balance: balance, reason: reason, reference: reference)
    }

    /// Gives `amount` (≥ 1) credits to `user` (a grant or a refund) and records why; returns the entry.
    @discardableResult
    public func credit(user: UUID, amount: Int, reason: LedgerReason, reference: UUID?) async throws -> LedgerEntry {
        guard amount > 0 else { throw SampleTokError.invalid("A credit is at least 1 credit.") }
        let row = try await sql.raw("""
            UPDATE users SET credits = credits + \(bind: amount) WHERE id = \(bind: user) RETURNING credits
            """).first()
        guard let row, let balance = try? row.decode(column: "credits", as: Int.self) else {
            throw SampleTokError.userNotFound(user.uuidString)
        }
        return try await record(user: user, delta: amount, balance: balance, reason: reason, reference: reference)
    }

    /// The sum of the entries with `reason` and `reference` (negative for charges): what a
    /// refund gives back, so a refund never returns more than was charged.
    public func total(reason: LedgerReason, reference: UUID) async throws -> Int {
        try await LedgerEntryModel.query(on: db)
            .filter(\.$reason == reason.rawValue).filter(\.$reference == reference)
            .all().reduce(0) { $0 + $1.delta }
    }

    /// The latest `limit` entries of `user`, newest first.
    public func entries(of user: UUID, limit: Int = Account.ledgerLimit) async throws -> [LedgerEntry] {
        try await LedgerEntryModel.query(on: db).filter(\.$userID == user)
            .sort(\.$createdAt, .descending)
            .limit(max(1, limit)).all().map { $0.entry() }
    }

    private func record(user: UUID, delta: Int, balance: Int, reason: LedgerReason, reference: UUID?) async throws -> LedgerEntry {
        let model = LedgerEntryModel()
        model.id = UUID()
        model.userID = user
        model.delta = delta
        model.balanceAfter = balance
        model.reason = reason.rawValue
        model.reference = reference
        model.createdAt = Date().timeIntervalSince1970
        try await model.create(on: db)
        return model.entry()
    }
}
