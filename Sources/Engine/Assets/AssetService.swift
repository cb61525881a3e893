import FluentKit
import Foundation
import Model
import SQLKit

/// The stored audio of samples and stems, one code path for both (`AudioAsset`): the peaks,
/// downloads (counted; a stem's first download by a user is charged) and exports into a folder.
public struct AssetService: Sendable {
    let parts: LibraryParts
    /// The samples.
    let samples: SampleService
    /// The stems (whose owner check and price an asset read goes through).
    let stems: StemService

    var db: any Database { parts.db }

    /// The asset `id` names, as `viewer` may see it: any sample; a stem of theirs (or any, for an
    /// admin or a nil viewer, the library itself), else `stem.not_found`.
    public func asset(_ id: AudioAssetID, as viewer: Principal? = nil) async throws -> AudioAsset {
        switch id {
        case .sample(let id): return .sample(try await samples.sample(id))
        case .stem(let id): return .stem(try await stems.stem(id, as: viewer))
        }
    }

    /// A completed asset's stored `peaks.json`, as it is stored (`sample.not_ready`/`stem.not_ready` before).
    public func peaks(of id: AudioAssetID, as viewer: Principal? = nil) async throws -> Data {
        let asset = try await asset(id, as: viewer)
        let key = try asset.peaksKey()
        do {
            return try await parts.blobs.data(key)
        } catch let error as SampleTokError where error.code.hasPrefix("storage.") && error.code != "storage.not_found" {
            throw error
        } catch {
            throw SampleTokError(.storageUnreadable, "Cannot read the peaks of \(asset.subject): \(error.localizedDescription)")
        }
    }

    /// A download of a completed asset's WAV or MP3 by `user`, counted: a sample's is free; a
    /// stem's (its owner's or an admin's; anyone else gets `stem.not_found`) costs
    /// `stemDownloadCost` credits the first time a user downloads it (a `stem.download` ledger
    /// entry), later ones are free. Returns the asset and the file to hand out.
    public func download(_ id: AudioAssetID, format: ExportFormat, as user: Principal?) async throws -> (asset: AudioAsset, file: SampleFile) {
        let asset = try await asset(id, as: user)
        let file = try asset.file(format)
        try await db.transaction { db in try await self.recordDownload(of: asset, format: format, user: user, on: db) }
        return (asset, file)
    }

    /// Inside a transaction: counts a download of the asset (a `sample_downloads` or `stem_downloads`
    /// row and the counter), and charges `user` for a stem's the first time.
    func recordDownload(of asset: AudioAsset, format: ExportFormat, user: Principal?, on db: any Database) async throws {
        let sql = db as? any SQLDatabase
        switch asset {
        case .sample(let sample):
            try await SampleDownloadModel(sampleID: sample.id, userID: user?.id, format: format.rawValue).create(on: db)
            try await sql?.raw("UPDATE samples SET download_count = download_count + 1 WHERE id = \(bind: sample.id)").run()
        case .stem(let stem):
            if let user, try await StemDownloadModel.query(on: db).filter(\.$stemID == stem.id).filter(\.$userID == user.id).first() == nil {
                try await StemDownloadModel(stemID: stem.id, userID: user.id, format: format.rawValue).create(on: db)
                let cost = parts.configuration.stemDownloadCost
                if cost > 0 {
                    try await CreditLedger(on: db).charge(user: user.id, amount: cost, reason: .stemDownload, reference: stem.id)
                }
            }
            try await sql?.raw("UPDATE stems SET download_count = download_count + 1 WHERE id = \(bind: stem.id)").run()
        }
    }
}
