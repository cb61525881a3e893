extension LoopRegion {
    /// The region in an export's name: `2.50-6.30 s`.
    public var exportLabel: String {
        func hundredths(_ seconds: Double) -> String {
            let value = Int((seconds * 100).rounded())
            return "\(value / 100).\(value % 100 < 10 ? "0" : "")\(value % 100)"
        }
        return "\(hundredths(start))-\(hundredths(end)) s"
    }

    /// The region with both ends moved to the nearest beat of `grid`; nil when they land on the
    /// same beat (a region shorter than a beat around one).
    public func snapped(to grid: BeatGrid) -> LoopRegion? {
        LoopRegion(start: grid.nearestBeat(to: start) ?? start, end: grid.nearestBeat(to: end) ?? end)
    }
}

extension Sample {
    /// The name of an export of `region` of this sample (nil: all of it), bent by `sync` (nil:
    /// as it is): `title - 124 BPM - E minor - 2.50-6.30 s.wav`.
    public func exportFileName(_ format: ExportFormat, region: LoopRegion?, sync: PlaybackSync? = nil) -> String {
        "\(exportName(synced: sync))\(region.map { " - " + $0.exportLabel } ?? "").\(format.rawValue)"
    }
}

extension Stem {
    /// The name of an export of `region` of this stem (nil: all of it), bent by `sync`:
    /// `title - 124 BPM - E minor - drum - 2.50-6.30 s.wav`.
    public func exportFileName(of sample: Sample, _ format: ExportFormat, region: LoopRegion?, sync: PlaybackSync? = nil) -> String {
        "\(sample.exportName(synced: sync)) - \(type.rawValue)\(region.map { " - " + $0.exportLabel } ?? "").\(format.rawValue)"
    }
}
