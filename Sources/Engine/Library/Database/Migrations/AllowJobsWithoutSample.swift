import FluentKit
import SQLKit

/// After `CreateUsers`: `jobs.sample_id` may be null, for jobs that make no sample of their own (an
/// Instagram mention's job submits one later). One transaction, so a crash leaves the old
/// table or the new one, never half of either.
struct AllowJobsWithoutSample: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let statements = SQLDialect(sql).allowJobsWithoutSample
        try await database.transaction { database in
            guard let sql = database as? any SQLDatabase else { return }
            for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
        }
    }

    func revert(on database: any Database) async throws {}
}
