import Foundation

/// What `LibraryMover` did: per table the rows of the local library and how many it inserted
/// (the rest were there already: a move run again after a kill), and the same for the blobs.
public struct LibraryMoveSummary: Sendable, Codable {
    /// One table.
    public struct Table: Sendable, Codable, Hashable {
        /// The table's name.
        public var name: String
        /// Rows in the local library.
        public var rows: Int
        /// Rows inserted into the target (the others were there already).
        public var copied: Int
    }

    /// The tables, parents before the tables that refer to them.
    public var tables: [Table]
    /// Blobs in the local library.
    public var blobs: Int
    /// Blobs uploaded (the others were in the bucket already with the same checksum).
    public var blobsCopied: Int
    /// Bytes of every blob of the local library.
    public var bytes: Int
    /// Bytes uploaded.
    public var bytesCopied: Int
    /// How long the move took, in seconds.
    public var seconds: Double
}

/// Where a move is, for a progress bar: `done` of `total` items of `phase` (`blobs`, or a table's name).
public struct LibraryMoveProgress: Sendable {
    /// `blobs`, or the table being copied.
    public var phase: String
    /// Items done in this phase.
    public var done: Int
    /// Items in this phase.
    public var total: Int
}
