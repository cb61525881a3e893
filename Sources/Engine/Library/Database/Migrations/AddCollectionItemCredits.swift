import FluentKit

/// After `AddKeyAlternative`: `collection_items.credits`, what the item was charged (0 for a
/// link refused before charging or a sample already in the library; null for items made before
/// this version, which were each charged their collection's item price). A failed or cancelled
/// item gives back what it was charged, never another item's charge.
struct AddCollectionItemCredits: ColumnMigration {
    static let columns: [(table: String, column: String, type: DatabaseSchema.DataType)] = [
        ("collection_items", "credits", .int64),
    ]
}
