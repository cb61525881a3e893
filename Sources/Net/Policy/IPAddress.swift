import Foundation

/// An IPv4 or IPv6 address, as bytes in network order.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// 4 bytes (IPv4) or 16 bytes (IPv6), network order.
    public let bytes: [UInt8]

    /// An address from 4 or 16 bytes; nil for any other count.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Parses dotted IPv4 (`10.0.0.1`) or IPv6 text (`::1`, `::ffff:10.0.0.1`, optionally in brackets).
    public init?(_ text: String) {
        var literal = text
        if literal.hasPrefix("["), literal.hasSuffix("]") { literal = String(literal.dropFirst().dropLast()) }
        if let zone = literal.firstIndex(of: "%") { literal = String(literal[..<zone]) }
        var v4 = in_addr()
        if inet_pton(AF_INET, literal, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, literal, &v6) == 1 {
            bytes = withUnsafeBytes(of: &v6) { Array($0) }
            return
        }
        return nil
    }

    /// Whether this is an IPv4 address.
    public var isIPv4: Bool { bytes.count == 4 }

    /// The IPv4 address an IPv6 address carries: IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible
    /// (`::a.b.c.d`), NAT64 (`64:ff9b::a.b.c.d`) or 6to4 (`2002:aabb:ccdd::`); nil otherwise.
    public var embeddedIPv4: IPAddress? {
        guard bytes.count == 16 else { return nil }
        let head = Array(bytes[0..<12])
        if head == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff] { return IPAddress(bytes: Array(bytes[12..<16])) }
        if head == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] {
            // ::a.b.c.d, but not :: and ::1 themselves.
            let tail = Array(bytes[12..<16])
            return tail == [0, 0, 0, 0] || tail == [0, 0, 0, 1] ? nil : IPAddress(bytes: tail)
        }
        if head == [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0] { return IPAddress(bytes: Array(bytes[12..<16])) }
        if bytes[0] == 0x20, bytes[1] == 0x02 { return IPAddress(bytes: Array(bytes[2..<6])) }
        return nil
    }

    /// What kind of address this is, for ``AddressPolicy``.
    public var kind: AddressKind {
        if let inner = embeddedIPv4 { return inner.kind }
        return isIPv4 ? Self.kindV4(bytes) : Self.kindV6(bytes)
    }

    /// Text form: dotted IPv4 or RFC 5952 IPv6.
    public var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let family = isIPv4 ? AF_INET : AF_INET6
        let ok = bytes.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)) != nil
        }
        guard ok else { return bytes.map(String.init).joined(separator: ".") }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func kindV4(_ b: [UInt8]) -> AddressKind {
        switch (b[0], b[1]) {
        case (0, _): return .unspecified                         // 0.0.0.0/8 "this network"
        case (127, _): return .loopback                          // 127.0.0.0/8
        case (10, _): return .private                            // 10.0.0.0/8
        case (172, 16...31): return .private                     // 172.16.0.0/12
        case (192, 168): return .private                         // 192.168.0.0/16
        case (100, 64...127): return .private                    // 100.64.0.0/10 carrier-grade NAT
        case (169, 254): return .linkLocal                       // 169.254.0.0/16
        case (192, 0) where b[2] == 0: return .reserved          // 192.0.0.0/24 IETF protocol assignments
        case (198, 18...19): return .reserved                    // 198.18.0.0/15 benchmarking
        case (224...239, _): return .multicast                   // 224.0.0.0/4
        case (240...255, _): return .reserved                    // 240.0.0.0/4 and broadcast
        default: return .public
        }
    }

    private static func kindV6(_ b: [UInt8]) -> AddressKind {
        if b.allSatisfy({ $0 == 0 }) { return .unspecified }                         // ::
        if b[0..<15].allSatisfy({ $0 == 0 }) && b[15] == 1 { return .loopback }      // ::1
        if b[0] == 0xfe && (b[1] & 0xc0) == 0x80 { return .linkLocal }                // fe80::/10
        if b[0] == 0xfe && (b[1] & 0xc0) == 0xc0 { return .private }                  // fec0::/10 (old site-local)
        if (b[0] & 0xfe) == 0xfc { return .uniqueLocal }                              // fc00::/7
        if b[0] == 0xff { return .multicast }                                         // ff00::/8
        if b[0] == 0x01 && b[1..<8].allSatisfy({ $0 == 0 }) { return .reserved }      // 100::/64 discard
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8 { return .reserved } // 2001:db8::/32 documentation
        // 2001::/32 Teredo: a tunnel to an IPv4 host whose address is hidden in the bits, never a plain destination.
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0 { return .reserved }
        // 64:ff9b:1::/48 local-use NAT64 (RFC 8215): translated by a gateway inside the network.
        if b[0..<6].elementsEqual([0, 0x64, 0xff, 0x9b, 0, 1]) { return .private }
        return .public
    }
}
