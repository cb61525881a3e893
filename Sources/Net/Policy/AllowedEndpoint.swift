import Foundation

/// One entry of an address allow-list: a block of addresses, and optionally the one port
/// allowed on it (`10.0.0.0/8`, `127.0.0.1:9000`, `[::1]:8080`, `[fd00::/8]`).
///
/// A port narrows an entry to one service, so an operator can let a server reach its own
/// object store on `10.0.0.5:9000` without opening every service of that host.
public struct AllowedEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The addresses allowed.
    public let network: IPNetwork
    /// The port allowed; nil allows every port.
    public let port: Int?

    /// An entry for `network`, on `port` only when it is given.
    public init(network: IPNetwork, port: Int? = nil) {
        self.network = network
        self.port = port
    }

    /// Parses `address[/prefix]`, `address[/prefix]:port` (IPv4) or `[address[/prefix]]:port`
    /// (IPv6 in brackets); nil when the text is none of these or the port is not 1–65535.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var block = trimmed
        var portText: Substring?
        if trimmed.hasPrefix("[") {
            guard let close = trimmed.firstIndex(of: "]") else { return nil }
            block = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
            let rest = trimmed[trimmed.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return nil }
                portText = rest.dropFirst()
            }
        } else if trimmed.filter({ $0 == ":" }).count == 1, let colon = trimmed.firstIndex(of: ":") {
            block = String(trimmed[..<colon])
            portText = trimmed[trimmed.index(after: colon)...]
        }
        guard let network = IPNetwork(block) else { return nil }
        var port: Int?
        if let portText {
            guard !portText.isEmpty, portText.allSatisfy(\.isASCIIDigit), portText.count <= 5,
                  let value = Int(portText), (1...65535).contains(value) else { return nil }
            port = value
        }
        self.init(network: network, port: port)
    }

    /// Whether a connection to `address` on `port` is one this entry allows.
    public func admits(_ address: IPAddress, port: Int?) -> Bool {
        guard network.contains(address) else { return false }
        guard let allowed = self.port else { return true }
        return port == allowed
    }

    /// The entry as it is written: `10.0.0.0/8`, `127.0.0.1/32:9000`, `[::1/128]:8080`.
    public var description: String {
        guard let port else { return network.description }
        return network.address.isIPv4 ? "\(network):\(port)" : "[\(network)]:\(port)"
    }

    /// The entries of a comma- or space-separated list; the texts that are not entries are
    /// returned apart, so a caller can say which it refused.
    public static func list(_ text: String) -> (entries: [AllowedEndpoint], invalid: [String]) {
        var entries: [AllowedEndpoint] = []
        var invalid: [String] = []
        for part in text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" }) {
            if let entry = AllowedEndpoint(String(part)) { entries.append(entry) } else { invalid.append(String(part)) }
        }
        return (entries, invalid)
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
