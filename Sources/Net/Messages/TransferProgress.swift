/// How far a transfer has come.
public struct TransferProgress: Sendable, Equatable {
    /// Body bytes received so far.
    public var receivedBytes: Int64
    /// The body size the server announced, or nil if it did not.
    public var expectedBytes: Int64?

    /// Creates a progress report.
    public init(receivedBytes: Int64, expectedBytes: Int64?) {
        self.receivedBytes = receivedBytes
        self.expectedBytes = expectedBytes
    }

    /// The fraction done in 0...1, or nil when the size is unknown.
    public var fraction: Double? {
        guard let expected = expectedBytes, expected > 0 else { return nil }
        return min(1, Double(receivedBytes) / Double(expected))
    }
}
