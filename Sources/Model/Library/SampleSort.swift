/// The orders a sample list can be sorted in.
public enum SampleSort: String, Codable, Sendable, CaseIterable {
    /// Most recently submitted first.
    case newest
    /// Oldest first.
    case oldest
    /// Slowest tempo first (samples without a tempo last).
    case bpm
    /// Shortest first.
    case duration
    /// Most downloaded first.
    case downloads
    /// Most viewed first.
    case views
    /// By key around the circle of fifths from C (C, G, D, A, E, B, F#, Db, Ab, Eb, Bb, F),
    /// each tonic's major before its minor; samples without a key last.
    case key
    /// By Camelot code (1A, 1B, 2A, … 12B); samples without a key last.
    case camelot
}
