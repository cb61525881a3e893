import FluentKit

/// After `CreateSearchTerms`: `samples.key_alternative` and `stems.key_alternative`, the nearly
/// tied second key of an analysis as its name (`"C major"`), null when there is none or for
/// analyses stored before this version.
struct AddKeyAlternative: ColumnMigration {
    static let columns: [(table: String, column: String, type: DatabaseSchema.DataType)] = [
        ("samples", "key_alternative", .string), ("stems", "key_alternative", .string),
    ]
}
