import Foundation

/// A list of host names from configuration (`youtube.com, soundcloud.com`): a name admits
/// itself and its subdomains; `*` admits every host.
public struct HostList: Sendable, Hashable {
    /// The names, lower-cased, without a leading `*.` or dot.
    public let names: [String]
    /// Whether `*` was given.
    public let admitsAll: Bool

    /// Parses a comma- or space-separated list.
    public init(_ text: String) {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" })
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        admitsAll = parts.contains("*")
        names = parts.filter { $0 != "*" }.map { name in
            var name = name
            if name.hasPrefix("*.") { name.removeFirst(2) }
            while name.hasPrefix(".") { name.removeFirst() }
            while name.hasSuffix(".") { name.removeLast() }
            return name
        }.filter { !$0.isEmpty }
    }

    /// Whether the list names nothing.
    public var isEmpty: Bool { names.isEmpty && !admitsAll }

    /// Whether `host` is one of the names or a subdomain of one.
    public func admits(_ host: String) -> Bool {
        if admitsAll { return true }
        var host = host.lowercased()
        while host.hasSuffix(".") { host.removeLast() }
        return names.contains { host == $0 || host.hasSuffix("." + $0) }
    }
}
