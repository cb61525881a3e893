extension BeatGrid {
    /// The beat nearest to `seconds`, in seconds; nil when the grid has no beats.
    public func nearestBeat(to seconds: Double) -> Double? {
        let target = seconds * Double(Self.sampleRate)
        // The beats are in order: the nearest is the first at or after the target, or the one before it.
        var low = 0, high = beats.count
        while low < high {
            let middle = (low + high) / 2
            if Double(beats[middle]) < target { low = middle + 1 } else { high = middle }
        }
        let candidates = [low - 1, low].filter { $0 >= 0 && $0 < beats.count }.map { Double(beats[$0]) }
        return candidates.min { abs($0 - target) < abs($1 - target) }.map { $0 / Double(Self.sampleRate) }
    }
}
