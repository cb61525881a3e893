import FluentKit
import SQLKit

/// After `CreateStems`: `jobs.user_id`, the user who submitted the job's source (null for jobs
/// made locally, by an Instagram mention, or before this version), so `GET /api/v1/jobs` can show
/// each user their own jobs. Adding the column is skipped when it is there already (a process
/// killed before this migration's record was written).
struct AddJobOwner: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if try await !SQLDialect(sql).columnNames(of: "jobs", in: sql).contains("user_id") {
            try await database.schema("jobs").field("user_id", .uuid, .references("users", "id", onDelete: .setNull)).update()
        }
        try await sql.raw("CREATE INDEX IF NOT EXISTS jobs_user ON jobs (user_id, created_at)").run()
    }

    func revert(on database: any Database) async throws {}
}
