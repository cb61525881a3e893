/// A byte range for a `Range: bytes=first-last` request header (both ends inclusive).
public struct ByteRange: Sendable, Equatable, CustomStringConvertible {
    /// The first byte wanted (0-based).
    public var first: Int64
    /// The last byte wanted (inclusive), or nil for "to the end".
    public var last: Int64?

    /// Bytes `first` through `last` inclusive, or from `first` to the end when `last` is nil.
    public init(first: Int64, last: Int64? = nil) {
        self.first = first
        self.last = last
    }

    /// The bytes of a Swift closed range, e.g. `ByteRange(0...1023)`.
    public init(_ range: ClosedRange<Int64>) {
        self.init(first: range.lowerBound, last: range.upperBound)
    }

    /// Whether the range can be sent: `first >= 0` and `last >= first`.
    public var isValid: Bool { first >= 0 && (last.map { $0 >= first } ?? true) }

    /// `first-last` or `first-`, as curl and the Range header want it.
    public var description: String { "\(first)-" + (last.map(String.init) ?? "") }
}
