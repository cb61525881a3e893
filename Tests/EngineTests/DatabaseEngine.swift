import Engine
import Foundation
import Testing
import TestSupport

/// The database engines a library suite runs on: SQLite always, PostgreSQL when the test
/// server runs (or must: `REQUIRE_E2E=1`).
enum DatabaseEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    /// The engines to run on here.
    static var tested: [DatabaseEngine] { TestPostgres.runs ? [.sqlite, .postgres] : [.sqlite] }

    var testDescription: String { rawValue }

    /// The engine of the suites that do not name one: SQLite, or the one `SAMPLETOK_TEST_ENGINE`
    /// names (`SAMPLETOK_TEST_ENGINE=postgres` runs every library suite on PostgreSQL).
    static var `default`: DatabaseEngine {
        ProcessInfo.processInfo.environment["SAMPLETOK_TEST_ENGINE"].flatMap(DatabaseEngine.init(rawValue:)) ?? .sqlite
    }

    /// Points `configuration` at a new empty database of this engine (SQLite: its home folder, as is).
    func configure(_ configuration: inout EngineConfiguration) throws {
        switch self {
        case .sqlite: configuration.databaseURL = nil
        case .postgres: configuration.databaseURL = try TestPostgres.freshDatabase()
        }
    }
}
