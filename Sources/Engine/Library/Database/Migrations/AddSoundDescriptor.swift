import FluentKit
import SQLKit

/// After `CreateCrates`: `samples.features` and `stems.features`, the sound descriptor of an
/// analysis as `SoundDescriptor.stored` writes it (a version byte, a length byte, then 32-bit
/// little-endian floats: 294 bytes), a BLOB on SQLite and `bytea` on PostgreSQL; null for
/// analyses stored before this version until `sampletok backfill-features` makes it. Bytes, not
/// JSON: the similarity search reads every sample's descriptor into memory at once, and 100,000
/// of them are 29 MB to copy rather than text to parse. A column already there (a process killed
/// before this migration's record was written) is not added again.
struct AddSoundDescriptor: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let dialect = SQLDialect(sql)
        for table in ["samples", "stems"] where try await !dialect.columnNames(of: table, in: sql).contains("features") {
            try await database.schema(table).field("features", .data).update()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("samples").deleteField("features").update()
        try await database.schema("stems").deleteField("features").update()
    }
}
