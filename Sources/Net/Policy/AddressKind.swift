/// The kinds of IP address ``AddressPolicy`` tells apart.
public enum AddressKind: String, Sendable, CaseIterable {
    /// Routable on the public internet.
    case `public`
    /// `127.0.0.0/8`, `::1`.
    case loopback
    /// `10/8`, `172.16/12`, `192.168/16`, `100.64/10` (carrier-grade NAT), `fec0::/10`,
    /// `64:ff9b:1::/48` (local-use NAT64).
    case `private`
    /// `169.254/16`, `fe80::/10`.
    case linkLocal = "link-local"
    /// `fc00::/7`.
    case uniqueLocal = "unique-local"
    /// `224/4`, `ff00::/8`.
    case multicast
    /// `0.0.0.0/8`, `::`.
    case unspecified
    /// Other special-purpose space: `240/4`, broadcast, `192.0.0/24`, `198.18/15`, `100::/64`, `2001:db8::/32`,
    /// `2001::/32` (Teredo).
    case reserved
}
