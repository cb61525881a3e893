import FluentKit
import SQLKit

/// After `AddCollectionItemCredits`: `samples.beats` and `stems.beats`, the beat grid of an
/// analysis as `BeatGrid.stored` writes it (`downbeat;beat,beat,…`, positions in samples of the
/// 48 kHz audio), null without a tempo or for analyses stored before this version. A column
/// already there (a process killed before this migration's record was written) is not added again.
struct AddBeatGrid: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let dialect = SQLDialect(sql)
        for table in ["samples", "stems"] where try await !dialect.columnNames(of: table, in: sql).contains("beats") {
            try await database.schema(table).field("beats", .string).update()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("samples").deleteField("beats").update()
        try await database.schema("stems").deleteField("beats").update()
    }
}
