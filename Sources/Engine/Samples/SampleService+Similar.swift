import FluentKit
import Foundation
import Model
import SQLKit

extension SampleService {
    /// The samples that sound most like `id` by `query.aspect`, passing its filters, closest
    /// first. Every completed sample is a candidate, as in the sample list (`sample.not_found`
    /// for an unknown id, `sample.no_descriptor` for one without a descriptor).
    public func similar(to id: UUID, _ query: SimilarityQuery) async throws -> SimilarSamples {
        let index = try await similarityIndex()
        guard let neighbours = index.neighbours(of: id, query) else {
            _ = try await sampleModel(id)
            throw SampleTokError.sampleNoDescriptor(id.uuidString.lowercased())
        }
        let models = try await SampleModel.query(on: db).filter(\.$id ~~ neighbours.map(\.id)).all()
        var byID: [UUID: Sample] = [:]
        for model in models {
            if let key = model.id { byID[key] = try model.sample() }
        }
        let items = neighbours.compactMap { neighbour in
            byID[neighbour.id].map { SimilarSample(sample: $0, similarity: (neighbour.similarity * 1000).rounded() / 1000) }
        }
        return SimilarSamples(sampleID: id, aspect: query.aspect, items: items)
    }

    /// The index of every completed sample's descriptor, built again only when the samples changed.
    public func similarityIndex() async throws -> SimilarityIndex {
        let stamp = try await changeStamp()
        if let index = similarity.index(at: stamp) { return index }
        let signatureRow = try await database.sql.raw("""
            SELECT COUNT(*) AS n, MAX(updated_at) AS latest FROM samples WHERE status = 'completed' AND features IS NOT NULL
            """).first()
        let signature = SimilarityIndexCache.Signature(
            count: try signatureRow?.decode(column: "n", as: Int.self) ?? 0,
            latest: try signatureRow?.decode(column: "latest", as: Double?.self) ?? 0)
        if let index = similarity.index(for: signature, at: stamp) { return index }
        let rows = try await database.sql.raw("""
            SELECT id, features, COALESCE(bpm_override, bpm) AS tempo, COALESCE(camelot_override, camelot) AS code \
            FROM samples WHERE status = 'completed' AND features IS NOT NULL
            """).all()
        let entries = try rows.compactMap { row -> SimilarityIndex.Entry? in
            guard let data = try row.decode(column: "features", as: Data?.self),
                  let descriptor = SoundDescriptor(stored: data) else { return nil }
            let tempo = try row.decode(column: "tempo", as: Double?.self)
            return SimilarityIndex.Entry(id: try row.decode(column: "id", as: UUID.self),
                                         bpm: tempo.flatMap { $0 > 0 ? $0 : nil },
                                         camelot: try row.decode(column: "code", as: String?.self), descriptor: descriptor)
        }
        let index = SimilarityIndex(entries)
        similarity.keep(index, signature: signature, at: stamp)
        return index
    }
}
