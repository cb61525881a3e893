import ArgumentParser
import Foundation

/// One run of `wrk` and the figures read from its `--latency` report.
struct Wrk {
    /// Requests per second over the run.
    var requestsPerSecond: Double
    /// Median latency in seconds.
    var p50: Double
    /// 99th-percentile latency in seconds.
    var p99: Double
    /// Requests completed.
    var requests: Int
    /// Socket errors (connect, read, write, timeout).
    var errors: Int
    /// Responses that were not 2xx or 3xx.
    var non2xx: Int

    /// Loads `url` for `seconds` with `connections` connections over `threads` threads.
    static func run(url: String, threads: Int, connections: Int, seconds: Int) throws -> Wrk {
        let result = try Subprocess.output(["wrk", "-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--latency", url])
        guard result.status == 0, let parsed = Wrk(report: result.output) else {
            throw ValidationError("wrk failed (\(result.status)): \(result.output.prefix(500))")
        }
        return parsed
    }

    /// Reads wrk's report: `Requests/sec:`, the latency distribution, `N requests in`, errors.
    init?(report: String) {
        var rate: Double?, p50: Double?, p99: Double?, requests = 0, errors = 0, non2xx = 0
        for line in report.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if line.hasPrefix("Requests/sec:"), fields.count >= 2 { rate = Double(fields[1]) }
            if fields.count == 2, fields[0] == "50%" { p50 = Self.seconds(fields[1]) }
            if fields.count == 2, fields[0] == "99%" { p99 = Self.seconds(fields[1]) }
            if line.contains("requests in"), let count = fields.first.flatMap({ Int($0) }) { requests = count }
            if line.hasPrefix("Non-2xx or 3xx responses:"), let count = fields.last.flatMap({ Int($0) }) { non2xx = count }
            if line.hasPrefix("Socket errors:") {
                // Socket errors: connect 0, read 0, write 0, timeout 0
                errors = line.split(separator: ",").compactMap { $0.split(separator: " ").last.flatMap { Int($0) } }.reduce(0, +)
            }
        }
        guard let rate, let p50, let p99 else { return nil }
        self.requestsPerSecond = rate
        self.p50 = p50
        self.p99 = p99
        self.requests = requests
        self.errors = errors
        self.non2xx = non2xx
    }

    /// `812.00us`, `1.23ms`, `2.01s` as seconds.
    private static func seconds(_ text: String) -> Double? {
        for (unit, scale) in [("us", 1e-6), ("ms", 1e-3), ("m", 60.0), ("s", 1.0)] where text.hasSuffix(unit) {
            return Double(text.dropLast(unit.count)).map { $0 * scale }
        }
        return nil
    }
}
