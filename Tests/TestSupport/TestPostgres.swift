import Foundation

/// The throwaway PostgreSQL server of the tests: `scripts/postgres-test.sh start` makes it and
/// `make test` hands its URL over as `SAMPLETOK_TEST_DATABASE_URL`. Each test takes a database
/// of its own on it.
public enum TestPostgres {
    /// The server's URL (its `postgres` database), or nil when no test server runs.
    public static var serverURL: String? {
        ProcessInfo.processInfo.environment["SAMPLETOK_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether suites run their PostgreSQL cases: a server is there, or `REQUIRE_E2E=1` says
    /// they must run (and then fail without one, instead of being skipped).
    public static var runs: Bool { EndToEnd.runs(serverURL != nil) }

    /// Creates an empty database on the test server and returns its URL.
    public static func freshDatabase() throws -> String {
        guard let server = serverURL, var components = URLComponents(string: server) else {
            throw TestPostgresError(description: """
                No PostgreSQL test server: run `scripts/postgres-test.sh start` and set SAMPLETOK_TEST_DATABASE_URL \
                to the URL it prints (`make test` does both).
                """)
        }
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        guard let psql = EndToEnd.executable("psql") else { throw TestPostgresError(description: "psql is not on PATH") }
        let result = try Command.run(psql, [server, "-v", "ON_ERROR_STOP=1", "-qc", "CREATE DATABASE \(name)"])
        guard result.status == 0 else { throw TestPostgresError(description: "CREATE DATABASE failed: \(result.stderr)") }
        components.path = "/" + name
        guard let url = components.string else { throw TestPostgresError(description: "bad server URL \(server)") }
        return url
    }
}

/// The PostgreSQL test server is missing or refused a request.
public struct TestPostgresError: Error, CustomStringConvertible {
    public let description: String
}
