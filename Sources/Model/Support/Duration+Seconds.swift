extension Duration {
    /// The duration in seconds, as a `Double` (timings, clocks that count in seconds).
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
