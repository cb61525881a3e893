import FluentKit
import Foundation
import Model

/// What every service of one library shares: where it lives and how it works, the database,
/// the blob store, the progress of its jobs and what this process measured. Made once by
/// `Library.open`; each service holds a copy (the parts are references, so all see the same).
struct LibraryParts: Sendable {
    /// Where the library lives and how it works.
    let configuration: EngineConfiguration
    /// The database.
    let database: LibraryDatabase
    /// The blob store.
    let blobs: any BlobStore
    /// Progress of every job run in this process.
    let events: ProgressHub
    /// What this process measured.
    let metrics: EngineMetrics

    /// The database's Fluent handle.
    var db: any Database { database.db }

    /// A job queue acting for this process.
    var queue: JobQueue {
        JobQueue(database: database, owner: .current, leaseSeconds: configuration.leaseSeconds,
                 takesLocalFiles: configuration.allowLocalFiles)
    }

    /// The durable progress events of every sample and stem job.
    var progressLog: ProgressLog { ProgressLog(database: database) }

    /// A local file with the blob's bytes: the stored file of a local store, else a copy
    /// downloaded into `folder` (the caller's work folder, removed with it).
    func localFile(_ key: BlobKey, in folder: URL) async throws -> URL {
        if let url = blobs.localURL(for: key) { return url }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("blob-\(UUID().uuidString)-\(key.segments.last ?? "file")")
        try await blobs.copy(key, to: copy)
        return copy
    }

    /// The work folder of the job `id` (under the temporary folder; removed when the job ends).
    func workFolder(ofJob id: UUID) -> URL {
        configuration.temporaryFolder.appendingPathComponent("jobs/\(id.uuidString.lowercased())")
    }

    /// Removes the work folder of a job (it ended).
    func removeWorkFolder(of job: JobModel) {
        if let id = job.id { try? FileManager.default.removeItem(at: workFolder(ofJob: id)) }
    }

    /// Sends a passing progress report (bytes downloaded, share decoded) to this process's
    /// followers: not kept, sequence 0, no event id.
    func publish(_ event: ProgressEvent) {
        events.publish(event)
    }

    /// Keeps `event` as its subject's next durable event (`ProgressLog`) and sends it, numbered,
    /// to this process's followers; followers elsewhere read it from the log. When the database
    /// refuses, it is still published (unnumbered) before the error is thrown.
    func record(_ event: ProgressEvent) async throws {
        do {
            events.publish(try await progressLog.record(event))
        } catch {
            var unnumbered = event
            unnumbered.sequence = 0
            events.publish(unnumbered)
            throw error
        }
    }
}
