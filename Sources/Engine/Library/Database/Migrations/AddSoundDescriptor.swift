import FluentKit

/// After `CreateCrates`: `samples.features` and `stems.features`, the sound descriptor of an
/// analysis as `SoundDescriptor.stored` writes it (a version byte, a length byte, then 32-bit
/// little-endian floats: 294 bytes), a BLOB on SQLite and `bytea` on PostgreSQL; null for
/// analyses stored before this version until `sampletok backfill-features` makes it. Bytes, not
/// JSON: the similarity search reads every sample's descriptor into memory at once, and 100,000
/// of them are 29 MB to copy rather than text to parse. A column already there (a process killed
/// before this migration's record was written) is not added again.
struct AddSoundDescriptor: ColumnMigration {
    static let columns: [(table: String, column: String, type: DatabaseSchema.DataType)] = [
        ("samples", "features", .data), ("stems", "features", .data),
    ]
}
