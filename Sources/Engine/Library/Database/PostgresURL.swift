import FluentPostgresDriver
import Foundation
import Model
import NIOSSL

/// A `DATABASE_URL` that names a PostgreSQL database: `postgres://`, `postgresql://` or the
/// seed's `postgresql+asyncpg://`, as `scheme://user:password@host:port/database?sslmode=mode`.
/// `sslmode` (or asyncpg's `ssl`) means what it means to libpq: `disable` (plain), `prefer`
/// (TLS when the server offers it, the default), `require` (TLS or fail, certificate not
/// checked), `verify-ca` (certificate checked against the system's CAs) and `verify-full`
/// (certificate and host name checked).
struct PostgresURL: Sendable, Equatable {
    /// How the connection uses TLS.
    enum SSLMode: String, Sendable, CaseIterable {
        case disable, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    var host: String
    var port: Int
    var user: String
    var password: String?
    var database: String
    var sslMode: SSLMode

    /// The schemes taken, and the driver suffixes other tools put on them.
    static let schemes: Set<String> = ["postgres", "postgresql", "postgresql+asyncpg", "postgres+asyncpg",
                                       "postgresql+psycopg", "postgresql+psycopg2"]

    /// Whether `text` is a PostgreSQL URL at all (by its scheme).
    static func isPostgres(_ text: String) -> Bool {
        guard let scheme = text.split(separator: ":", maxSplits: 1).first else { return false }
        return schemes.contains(scheme.lowercased())
    }

    /// Parses `text`; `config.invalid` naming what is wrong (never the password) otherwise.
    init(_ text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Self.isPostgres(trimmed), let components = URLComponents(string: trimmed),
              let host = components.host, !host.isEmpty else {
            throw Self.invalid("is not a PostgreSQL URL; use postgres://USER:PASSWORD@HOST:PORT/DATABASE")
        }
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw Self.invalid("has port \(port), which is not a TCP port") }
        user = components.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? "postgres"
        password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        let name = String(components.path.drop { $0 == "/" })
        guard !name.isEmpty, !name.contains("/") else { throw Self.invalid("names no database (…/DATABASE after the host)") }
        database = name
        let items = components.queryItems ?? []
        let mode = items.last { ["sslmode", "ssl"].contains($0.name.lowercased()) }?.value?.lowercased() ?? "prefer"
        switch mode {
        case "true", "on", "1": sslMode = .require
        case "false", "off", "0": sslMode = .disable
        default:
            guard let known = SSLMode(rawValue: mode) else {
                throw Self.invalid("has sslmode=\(mode); use one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            sslMode = known
        }
    }

    /// The URL as it may be shown: without the password.
    var redacted: String { "postgresql://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)" }

    /// The driver's settings for this URL.
    func configuration() throws -> SQLPostgresConfiguration {
        let tls: PostgresConnection.Configuration.TLS
        switch sslMode {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(try NIOSSLContext(configuration: Self.tls(.none)))
        case .require: tls = .require(try NIOSSLContext(configuration: Self.tls(.none)))
        case .verifyCA: tls = .require(try NIOSSLContext(configuration: Self.tls(.noHostnameVerification)))
        case .verifyFull: tls = .require(try NIOSSLContext(configuration: Self.tls(.fullVerification)))
        }
        return SQLPostgresConfiguration(hostname: host, port: port, username: user, password: password, database: database, tls: tls)
    }

    private static func tls(_ verification: CertificateVerification) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = verification
        return configuration
    }

    private static func invalid(_ problem: String) -> SampleTokError {
        SampleTokError(.configInvalid, "DATABASE_URL \(problem).")
    }
}
