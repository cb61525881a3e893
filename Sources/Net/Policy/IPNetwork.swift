/// A block of addresses in CIDR form, e.g. `10.1.0.0/16` or `fd00::/8`, for an allow-list.
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    /// The first address of the block.
    public let address: IPAddress
    /// The prefix length in bits.
    public let prefixLength: Int

    /// Parses `address/prefix`, or a bare address (a block of one).
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let first = parts.first, let address = IPAddress(first) else { return nil }
        let bits = address.bytes.count * 8
        let prefix = parts.count == 2 ? Int(parts[1]) : bits
        guard let prefix, (0...bits).contains(prefix) else { return nil }
        self.address = address
        self.prefixLength = prefix
    }

    /// Whether `candidate` lies in the block (an IPv4-mapped IPv6 address matches an IPv4 block).
    public func contains(_ candidate: IPAddress) -> Bool {
        var other = candidate
        if address.isIPv4, !candidate.isIPv4, let inner = candidate.embeddedIPv4 { other = inner }
        guard other.bytes.count == address.bytes.count else { return false }
        var remaining = prefixLength
        for (a, b) in zip(address.bytes, other.bytes) where remaining > 0 {
            let take = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xff << (8 - take))
            if a & mask != b & mask { return false }
            remaining -= take
        }
        return true
    }

    /// `address/prefix`.
    public var description: String { "\(address)/\(prefixLength)" }
}
