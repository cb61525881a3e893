import ArgumentParser
import Foundation

/// A throwaway PostgreSQL database for a benchmark, made with psql on the server `DATABASE_URL`
/// names and dropped by `drop()`.
struct BenchDatabase {
    /// The server's URL (its database is only used to create and drop the benchmark's).
    let server: String
    /// The new database's URL.
    let url: String
    private let name: String

    /// Creates `sampletok_bench_<label>_<random>` on `server`.
    init(server: String, label: String) throws {
        guard var components = URLComponents(string: server) else { throw ValidationError("DATABASE_URL is not a URL.") }
        name = "sampletok_bench_\(label)_\(UUID().uuidString.prefix(8).lowercased())"
        components.path = "/" + name
        guard let url = components.string else { throw ValidationError("DATABASE_URL is not a URL.") }
        self.server = server
        self.url = url
        try Self.psql(server, "CREATE DATABASE \(name)")
    }

    /// Drops the database (its connections closed by force).
    func drop() {
        try? Self.psql(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// The first column of the first row `query` answers in the benchmark's database.
    func value(_ query: String) throws -> String {
        let (status, output) = try Subprocess.output(["psql", url, "-Atc", query])
        guard status == 0 else { throw ValidationError("psql: \(query) failed") }
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func psql(_ server: String, _ statement: String) throws {
        let (status, output) = try Subprocess.output(["psql", server, "-v", "ON_ERROR_STOP=1", "-qc", statement])
        guard status == 0 else { throw ValidationError("psql: \(statement) failed (is psql on PATH and may this user create databases?) \(output)") }
    }
}
