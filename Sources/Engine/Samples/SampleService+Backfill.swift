import Analysis
import FluentKit
import FluentSQL
import Foundation
import Media
import Model
import Resolvers
import SQLKit

/// What `backfillHLS` found and did.
public struct BackfillReport: Sendable {
    /// The samples that lack HLS (dry run) or got it.
    public var samples: [Sample]
    /// The samples that could not get it, with why.
    public var failures: [(id: UUID, error: String)]
}

extension SampleService {
    /// Makes the HLS stream of completed samples that lack one, from their stored WAV.
    public func backfillHLS(dryRun: Bool, limit: Int?) async throws -> BackfillReport {
        let rows = try await parts.database.sql.raw("""
            SELECT * FROM samples WHERE status = 'completed' ORDER BY created_at LIMIT \(literal: limit ?? Int(Int32.max))
            """).all()
        var report = BackfillReport(samples: [], failures: [])
        for row in rows {
            let model = try row.decode(fluentModel: SampleModel.self)
            let sample = try model.sample()
            guard sample.files?.hls == nil, let id = model.id else { continue }
            if dryRun {
                report.samples.append(sample)
                continue
            }
            do {
                let work = configuration.temporaryFolder.appendingPathComponent("backfill-\(UUID().uuidString)")
                defer { try? FileManager.default.removeItem(at: work) }
                guard let wav = sample.files?.wav, let key = try? BlobKey(wav.key), await parts.blobs.exists(key) else {
                    throw SampleTokError(.storageMissing, "the sample's WAV is missing")
                }
                let input = try await parts.localFile(key, in: work.appendingPathExtension("in"))
                defer { try? FileManager.default.removeItem(at: work.appendingPathExtension("in")) }
                try await Blocking.run { () throws in
                    do { try MediaProcessor.makeHLS(input: input.path, folder: work.path) } catch let error as MediaError {
                        throw SampleTokError(error)
                    }
                }
                var files = sample.files ?? SampleFiles()
                try await outputs.storeHLS(of: work, under: .sampleFolder(id), into: &files)
                try model.apply(files)
                model.updatedAt = Date().timeIntervalSince1970
                try await model.update(on: db)
                report.samples.append(try model.sample())
            } catch {
                report.failures.append((id, (error as? SampleTokError)?.description ?? "\(error)"))
            }
        }
        return report
    }
}
