import Engine
import Foundation

/// The parameters of a query string as HTML forms write them: `&`-separated `name=value` pairs,
/// `+` for a space and percent-encoding for the rest (so `key=B+major` is "B major" and
/// `q=a%2Bb` is "a+b"). The first value of a name wins.
struct FormQuery: Sendable {
    private let values: [String: String]

    /// Parses `query` (the part after `?`, without it).
    init(_ query: String) {
        var values: [String: String] = [:]
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), !name.isEmpty, values[name] == nil else { continue }
            values[name] = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
        }
        self.values = values
    }

    /// The value of `name`, or nil when the query does not have it.
    subscript(name: String) -> String? { values[name] }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
