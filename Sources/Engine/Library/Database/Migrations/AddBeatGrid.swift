import FluentKit

/// After `AddCollectionItemCredits`: `samples.beats` and `stems.beats`, the beat grid of an
/// analysis as `BeatGrid.stored` writes it (`downbeat;beat,beat,…`, positions in samples of the
/// 48 kHz audio), null without a tempo or for analyses stored before this version.
struct AddBeatGrid: ColumnMigration {
    static let columns: [(table: String, column: String, type: DatabaseSchema.DataType)] = [
        ("samples", "beats", .string), ("stems", "beats", .string),
    ]
}
