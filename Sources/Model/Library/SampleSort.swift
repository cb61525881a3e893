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
}
