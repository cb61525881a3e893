import FluentKit
import Foundation
import Model
import SQLKit

/// Version 3: `credit_ledger`, one row per change of a user's balance. Users made before it get
/// an `account.open` entry for the balance they had, so every user's entries sum to their balance.
struct CreateCreditLedger: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("credit_ledger")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("delta", .int, .required)
            .field("balance_after", .int, .required)
            .field("reason", .string, .required)
            .field("reference", .uuid)
            .field("created_at", .double, .required)
            .ignoreExisting()
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX IF NOT EXISTS credit_ledger_user ON credit_ledger (user_id, created_at)").run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS credit_ledger_reference ON credit_ledger (reference)").run()
        for user in try await UserModel.query(on: database).filter(\.$credits > 0).all() {
            guard let id = user.id,
                  try await LedgerEntryModel.query(on: database).filter(\.$userID == id).first() == nil else { continue }
            let entry = LedgerEntryModel()
            entry.id = UUID()
            entry.userID = id
            entry.delta = user.credits
            entry.balanceAfter = user.credits
            entry.reason = LedgerReason.accountOpen.rawValue
            entry.createdAt = user.createdAt
            try await entry.create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("credit_ledger").delete()
    }
}
