import Analysis
import FluentKit
import Foundation
import Media
import Model
import Resolvers
import SQLKit

/// What `backfillFeatures` did, in counts.
public struct FeatureBackfillReport: Sendable {
    /// Samples given a descriptor.
    public var samples = 0
    /// Stems given a descriptor.
    public var stems = 0
    /// Completed samples and stems that already had a current one (left alone).
    public var current = 0
    /// Those that could not get one, with why.
    public var failures: [(id: UUID, error: String)] = []
}

extension SampleService {
    /// Makes the sound descriptor of completed samples and stems that have none (analysed before
    /// descriptors) or one of an older version, from their stored WAV. Only the descriptor is
    /// written: tempo, key and the user's values stay as they are. Running it again does nothing
    /// new.
    public func backfillFeatures(limit: Int? = nil) async throws -> FeatureBackfillReport {
        var report = FeatureBackfillReport()
        var left = limit ?? Int.max
        for table in ["samples", "stems"] {
            let rows = try await database.sql.raw("""
                SELECT id, features FROM \(unsafeRaw: table) WHERE status = 'completed' ORDER BY created_at
                """).all()
            for row in rows {
                let id = try row.decode(column: "id", as: UUID.self)
                if let data = try row.decode(column: "features", as: Data?.self), SoundDescriptor(stored: data)?.isCurrent == true {
                    report.current += 1
                    continue
                }
                guard left > 0 else { return report }
                left -= 1
                do {
                    if table == "samples" {
                        let model = try await sampleModel(id)
                        model.features = try await descriptor(of: model).stored
                        model.updatedAt = Date().timeIntervalSince1970
                        try await model.update(on: db)
                        report.samples += 1
                    } else {
                        guard let model = try await StemModel.find(id, on: db) else { continue }
                        model.features = try await descriptor(of: model).stored
                        try await model.update(on: db)
                        report.stems += 1
                    }
                } catch {
                    report.failures.append((id, (error as? SampleTokError)?.description ?? "\(error)"))
                }
            }
        }
        return report
    }

    /// The descriptor of a stored sample or stem, from its WAV (copied out of the store when the
    /// store is not a local folder).
    private func descriptor(of row: some AnalysisColumns) async throws -> SoundDescriptor {
        guard let wav = try row.storedFiles?.wav, let key = try? BlobKey(wav.key), await parts.blobs.exists(key) else {
            throw SampleTokError(.storageMissing, "the WAV is missing")
        }
        let work = configuration.temporaryFolder.appendingPathComponent("features-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let input = try await parts.localFile(key, in: work)
        return try await Blocking.run { () throws -> SoundDescriptor in
            do {
                guard let descriptor = try FileAnalysis.run(path: input.path).descriptor else {
                    throw SampleTokError(.libraryInternal, "the analysis made no descriptor")
                }
                return descriptor
            } catch let error as MediaError {
                throw SampleTokError(error)
            }
        }
    }
}
