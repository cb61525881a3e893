extension Stem {
    /// The name an export of this stem gets: its sample's export name and the stem type
    /// (`kick loop - 96 BPM - A minor - drum.wav`). The local library and the remote client name files alike.
    public func exportFileName(of sample: Sample, _ format: ExportFormat) -> String {
        "\(sample.exportName) - \(type.rawValue).\(format.rawValue)"
    }
}
