import FluentKit

/// After `AddJobOwner`: `progress_events`, the durable progress events of every sample and stem
/// job (`ProgressLog`), numbered per subject, each marked when it is an outcome (`is_final`). Their numbers are the event stream's ids, so a
/// client that reconnects, to this process after a restart or to another node, resumes after
/// the last event it saw.
struct CreateProgressEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("progress_events")
            .field("subject", .uuid, .required)
            .field("sequence", .int, .required)
            .field("event", .string, .required)
            .field("is_final", .bool, .required)
            .field("created_at", .double, .required)
            .unique(on: "subject", "sequence")
            .ignoreExisting()
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("progress_events").delete()
    }
}
