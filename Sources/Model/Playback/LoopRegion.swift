/// A stretch of a sample to loop or export: from `start` to `end`, in seconds from the sample's
/// start. The player loops it sample-exactly; an export writes just these seconds.
public struct LoopRegion: Sendable, Hashable, Codable {
    /// Where it starts, in seconds.
    public var start: Double
    /// Where it ends (not included), in seconds.
    public var end: Double

    /// A region; nil unless `0 ≤ start < end` and both are finite.
    public init?(start: Double, end: Double) {
        guard start.isFinite, end.isFinite, start >= 0, end > start else { return nil }
        self.start = start
        self.end = end
    }

    /// Its length in seconds.
    public var length: Double { end - start }

    /// `time` moved inside the region (a playhead outside it goes to its start).
    public func clamp(_ time: Double) -> Double {
        time >= start && time < end ? time : start
    }

    /// Its frames at `rate`: the first and the count, rounded to whole frames.
    public func frames(at rate: Int) -> (first: Int, count: Int) {
        let first = Int((start * Double(rate)).rounded())
        return (first, max(1, Int((end * Double(rate)).rounded()) - first))
    }
}
