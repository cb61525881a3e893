import ArgumentParser

/// The `HOST:PORT` of `--listen` (`127.0.0.1:8000`, `[::1]:8000`, `0.0.0.0:0` for any free port).
struct ListenAddress: ExpressibleByArgument, Sendable {
    let host: String
    let port: Int

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces)
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || "/[]".contains($0) }) else { return nil }
        self.host = host
        self.port = port
    }

    static var defaultValueDescription: String { "HOST:PORT" }
}
