import Foundation

/// The ends of a loop region as the user marks them with `[` and `]` on one sample or stem: a
/// region once both are set, start before end.
public struct RegionMarks: Sendable, Equatable {
    /// The sample or stem marked.
    public var owner: UUID
    /// The start, in seconds, once marked.
    public var start: Double?
    /// The end, in seconds, once marked.
    public var end: Double?

    /// Which end a key marks.
    enum Edge: Equatable {
        case start, end
    }

    /// Marks `edge` at `time`; returns the other end when it had to go (it was on the wrong side).
    mutating func mark(_ edge: Edge, at time: Double) -> Double? {
        var dropped: Double?
        switch edge {
        case .start:
            start = time
            if let end, end <= time { dropped = end; self.end = nil }
        case .end:
            end = time
            if let start, start >= time { dropped = start; self.start = nil }
        }
        return dropped
    }
}
