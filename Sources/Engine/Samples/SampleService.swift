import FluentKit
import Foundation
import Model
import Resolvers

/// The library's samples: list and search (`+Queries`), one by id, submit and import, retry, delete, overrides, the creators
/// cache and the HLS backfill. Methods take full ids; `id(matching:)` turns what a user typed
/// (an id or a unique prefix of it) into one, at the edges (CLI, embedded client, routes).
public struct SampleService: Sendable {
    let parts: LibraryParts
    /// Resolvers, the fetcher, TikTok's API and yt-dlp.
    let links: LinkServices
    /// The decode pass and the storing of its outputs (the HLS backfill uses it).
    let outputs: MediaOutputs
    /// Reads of the change stamp, shared by the callers of one moment.
    let stamps: BatchedQuery<LibraryStamp>
    /// The words of the search index, read again when the library changed.
    let searchVocabulary = SearchVocabularyCache()
    /// Samples decoded from list rows, reused while the library does not change.
    let listRows = SampleRowCache()
    /// The similarity index, built again when the samples changed.
    let similarity = SimilarityIndexCache()

    init(parts: LibraryParts, links: LinkServices, outputs: MediaOutputs) {
        self.parts = parts
        self.links = links
        self.outputs = outputs
        let database = parts.database
        stamps = BatchedQuery { try await SampleService.readStamp(database) }
    }

    var db: any Database { parts.db }
    var database: LibraryDatabase { parts.database }
    var configuration: EngineConfiguration { parts.configuration }

    /// The id of the sample `text` names: a full id, or a unique prefix of at least 4 hex digits
    /// (`sample.not_found`, `sample.ambiguous` for a prefix of several).
    public func id(matching text: String) async throws -> UUID {
        try await parts.id(of: SampleModel.self, matching: text, noun: "sample", notFound: SampleTokError.sampleNotFound)
    }

    /// One sample (`sample.not_found` for an unknown id).
    public func sample(_ id: UUID) async throws -> Sample {
        try await sampleModel(id).sample()
    }

    /// The row of a sample by its full id.
    func sampleModel(_ id: UUID) async throws -> SampleModel {
        guard let model = try await SampleModel.find(id, on: db) else { throw SampleTokError.sampleNotFound(id.uuidString.lowercased()) }
        return model
    }
}
