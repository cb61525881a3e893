/// Which IP addresses a client may connect to, checked for every connection, redirects included.
///
/// `.publicOnly` refuses loopback, private, carrier-grade NAT, link-local, unique-local, multicast,
/// unspecified and reserved addresses (also when IPv4-mapped or otherwise embedded in IPv6) with
/// `link.forbidden`, before any packet is sent. It is how a server fetches URLs that users give it
/// without letting them reach the server's own network (SSRF).
public struct AddressPolicy: Sendable, Hashable, CustomStringConvertible {
    /// Whether non-public addresses are refused.
    public let refusesNonPublic: Bool
    /// Addresses (and ports) allowed even though they are not public (an operator's allow-list).
    public let allowed: [AllowedEndpoint]

    private init(refusesNonPublic: Bool, allowed: [AllowedEndpoint]) {
        self.refusesNonPublic = refusesNonPublic
        self.allowed = allowed
    }

    /// Every address is allowed (a client of a known server, tests, local mode).
    public static let any = AddressPolicy(refusesNonPublic: false, allowed: [])

    /// Only public addresses are allowed.
    public static let publicOnly = AddressPolicy(refusesNonPublic: true, allowed: [])

    /// Only public addresses, and the addresses and ports of `allowed`.
    public static func publicOnly(allowing allowed: [AllowedEndpoint]) -> AddressPolicy {
        AddressPolicy(refusesNonPublic: true, allowed: allowed)
    }

    /// Whether a connection to `address` on `port` is allowed (a nil port matches only the
    /// entries of the allow-list that name no port).
    public func permits(_ address: IPAddress, port: Int? = nil) -> Bool {
        guard refusesNonPublic else { return true }
        if address.kind == .public { return true }
        return allowed.contains { $0.admits(address, port: port) }
    }

    /// `any`, `publicOnly` or `publicOnly(allowing: …)`.
    public var description: String {
        guard refusesNonPublic else { return "any" }
        return allowed.isEmpty ? "publicOnly" : "publicOnly(allowing: \(allowed.map(\.description).joined(separator: ", ")))"
    }
}
