import Foundation

/// What a reload keeps selected: the sample under the cursor (and the stem row under it), and
/// the row it was on, for when it is not among the new rows (another search, a filter, a
/// deletion): then the cursor stays on the row nearest to where it was.
public struct SelectionAnchor: Sendable, Equatable {
    /// The sample that was selected.
    public var sampleID: UUID?
    /// The stem row under it that was selected.
    public var stem: Int?
    /// The row the cursor was on.
    public var row: Int
}
