import FluentKit
import Foundation
import Model
import SQLKit

extension SampleService {
    /// The samples that sound most like `id` by `query.aspect`, passing its filters, closest
    /// first. Every completed sample is a candidate, as in the sample list (`sample.not_found`
    /// for an unknown id, `sample.no_descriptor` for one without a descriptor).
    public func similar(to id: UUID, _ query: SimilarityQuery) async throws -> SimilarSamples {
        let stamp = try await changeStamp()
        let index = try await similarityIndex(at: stamp)
        guard let neighbours = index.neighbours(of: id, query) else {
            _ = try await sampleModel(id)
            throw SampleTokError.sampleNoDescriptor(id.uuidString.lowercased())
        }
        // The neighbours' rows, decoded column by column and kept as the list keeps its rows.
        var byID: [UUID: Sample] = [:]
        var missing: [UUID] = []
        for neighbour in neighbours {
            if let known = listRows.sample(neighbour.id, at: stamp) { byID[neighbour.id] = known } else { missing.append(neighbour.id) }
        }
        if !missing.isEmpty {
            let rows = try await database.sql.raw("SELECT * FROM samples WHERE id IN (\(binds: missing))").all()
            let decoded = try rows.map { try SampleModel(row: $0).sample() }
            listRows.keep(decoded, at: stamp)
            for sample in decoded { byID[sample.id] = sample }
        }
        let items = neighbours.compactMap { neighbour in
            byID[neighbour.id].map { SimilarSample(sample: $0, similarity: (neighbour.similarity * 1000).rounded() / 1000) }
        }
        return SimilarSamples(sampleID: id, aspect: query.aspect, items: items)
    }

    /// The index of every completed sample's descriptor, built again only when the samples changed.
    public func similarityIndex() async throws -> SimilarityIndex {
        try await similarityIndex(at: try await changeStamp())
    }

    /// The index as of `stamp` (read before it).
    func similarityIndex(at stamp: LibraryStamp) async throws -> SimilarityIndex {
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
