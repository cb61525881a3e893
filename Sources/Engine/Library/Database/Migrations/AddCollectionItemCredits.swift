import FluentKit
import SQLKit

/// After `AddKeyAlternative`: `collection_items.credits`, what the item was charged (0 for a
/// link refused before charging or a sample already in the library; null for items made before
/// this version, which were each charged their collection's item price). A failed or cancelled
/// item gives back what it was charged, never another item's charge. A column already there (a
/// process killed before this migration's record was written) is not added again.
struct AddCollectionItemCredits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase,
              try await !SQLDialect(sql).columnNames(of: "collection_items", in: sql).contains("credits") else { return }
        try await database.schema("collection_items").field("credits", .int64).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("collection_items").deleteField("credits").update()
    }
}
