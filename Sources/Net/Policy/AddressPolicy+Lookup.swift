import Foundation

extension AddressPolicy {
    /// Resolves `url`'s host and throws `link.forbidden` when any of its addresses (on the URL's
    /// port) is one this policy refuses, or `fetch.unreachable` when the host does not resolve.
    ///
    /// For tools that fetch on their own (yt-dlp reading a page): the check runs before the tool
    /// sees the URL. It cannot follow what the tool does next, so callers also fetch the media
    /// the tool names through an `HTTPClient` under the same policy.
    public func check(url: String) async throws {
        guard refusesNonPublic else { return }
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            throw NetError.invalidURL(url, "it has no host")
        }
        let scheme = components.scheme?.lowercased()
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        let addresses = try await Self.addresses(of: host, url: url)
        if let refused = addresses.first(where: { !permits($0, port: port) }) {
            throw NetError.forbidden(url, address: refused.description)
        }
    }

    /// Every address `host` resolves to (a literal address is itself).
    static func addresses(of host: String, url: String) async throws -> [IPAddress] {
        if let literal = IPAddress(host) { return [literal] }
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                var hints = addrinfo()
                hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
                var list: UnsafeMutablePointer<addrinfo>?
                let status = getaddrinfo(host, nil, &hints, &list)
                defer { if let list { freeaddrinfo(list) } }
                guard status == 0 else {
                    continuation.resume(throwing: NetError.unreachable(url, "its host '\(host)' does not resolve"))
                    return
                }
                var found: [IPAddress] = []
                var node = list
                while let entry = node?.pointee {
                    if let address = entry.ai_addr, let ip = Self.address(of: address, family: entry.ai_family) {
                        found.append(ip)
                    }
                    node = entry.ai_next
                }
                if found.isEmpty {
                    continuation.resume(throwing: NetError.unreachable(url, "its host '\(host)' has no IP address"))
                } else {
                    continuation.resume(returning: found)
                }
            }
        }
    }

    private static func address(of socket: UnsafeMutablePointer<sockaddr>, family: Int32) -> IPAddress? {
        switch family {
        case AF_INET:
            return socket.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                var raw = v4.pointee.sin_addr
                return IPAddress(bytes: withUnsafeBytes(of: &raw) { Array($0) })
            }
        case AF_INET6:
            return socket.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                var raw = v6.pointee.sin6_addr
                return IPAddress(bytes: withUnsafeBytes(of: &raw) { Array($0) })
            }
        default:
            return nil
        }
    }
}
