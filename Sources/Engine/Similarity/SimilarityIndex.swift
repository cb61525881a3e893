import Foundation
import Model

/// Every sample's sound descriptor in one packed matrix, standardised, for brute-force nearest
/// neighbours: one row of `width` floats per sample (the descriptor's values as z-scores over
/// the library, clamped to ±6, padded with zeros to a multiple of 8), so a search is one pass of
/// eight-lane multiply-adds over contiguous memory: 100,000 samples are 32 MB and about a
/// million vector operations.
///
/// Distance: Σ wᵢ (xᵢ − qᵢ)² over the standardised values, where each group the aspect compares
/// weighs 1 in all (wᵢ = 1 / the group's length), so a 32-value timbre group counts no more
/// than a 6-value envelope. Similarity: exp(−d² / (2 × groups)), 1 for the same sound and about
/// 1/e for two samples picked at random (standardised values differ by √2 on average).
///
/// Why brute force: at 100,000 × 80 floats a scan costs a few milliseconds, exact, with no
/// index to build or keep in step with the library, and the filters (tempo, key) apply on the
/// way; tree or graph indexes pay off only well beyond that size, and approximately.
public struct SimilarityIndex: Sendable {
    /// One sample of the index.
    public struct Entry: Sendable {
        /// The sample.
        public var id: UUID
        /// The tempo lists show and filter by (the user's, else the detected one).
        public var bpm: Double?
        /// The Camelot code lists show and filter by.
        public var camelot: String?
        /// Its descriptor (current version).
        public var descriptor: SoundDescriptor

        /// Creates an entry.
        public init(id: UUID, bpm: Double?, camelot: String?, descriptor: SoundDescriptor) {
            self.id = id
            self.bpm = bpm
            self.camelot = camelot
            self.descriptor = descriptor
        }
    }

    /// One neighbour found.
    public struct Neighbour: Sendable, Hashable {
        /// The neighbour's sample.
        public var id: UUID
        /// 0–1 (see the type's description).
        public var similarity: Double
    }

    /// Floats per row: the descriptor's length rounded up to a multiple of 8.
    public static let width = (SoundDescriptor.length + 7) / 8 * 8
    private static let lanes = width / 8

    private let ids: [UUID]
    private let rowOf: [UUID: Int]
    private let bpms: [Double?]
    private let camelots: [String?]
    private let matrix: [SIMD8<Float>]

    /// How many samples it holds.
    public var count: Int { ids.count }

    /// Packs the entries with a current descriptor (others are left out).
    public init(_ entries: [Entry]) {
        let kept = entries.filter { $0.descriptor.isCurrent }
        let length = SoundDescriptor.length
        var mean = [Double](repeating: 0, count: length), square = [Double](repeating: 0, count: length)
        for entry in kept {
            for (j, v) in entry.descriptor.values.enumerated() {
                mean[j] += Double(v)
                square[j] += Double(v) * Double(v)
            }
        }
        let n = Double(max(1, kept.count))
        let center = mean.map { Float($0 / n) }
        let scale = (0..<length).map { j -> Float in
            let m = mean[j] / n
            let sd = max(0, square[j] / n - m * m).squareRoot()
            return sd > 1e-6 ? Float(1 / sd) : 0
        }
        var matrix = [SIMD8<Float>](repeating: SIMD8<Float>(), count: kept.count * Self.lanes)
        for (row, entry) in kept.enumerated() {
            for (j, v) in entry.descriptor.values.enumerated() {
                matrix[row * Self.lanes + j / 8][j % 8] = min(6, max(-6, (v - center[j]) * scale[j]))
            }
        }
        self.matrix = matrix
        ids = kept.map(\.id)
        bpms = kept.map(\.bpm)
        camelots = kept.map(\.camelot)
        rowOf = Dictionary(kept.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether `id` is in the index (completed, with a current descriptor).
    public func contains(_ id: UUID) -> Bool { rowOf[id] != nil }

    /// The weights of each value when comparing `groups`, in lanes.
    static func weights(_ groups: [DescriptorGroup]) -> [SIMD8<Float>] {
        var weights = [SIMD8<Float>](repeating: SIMD8<Float>(), count: lanes)
        for group in Set(groups) {
            for j in group.range { weights[j / 8][j % 8] = 1 / Float(group.count) }
        }
        return weights
    }

    /// The samples closest to `id` by `query.groups` (its aspect's) that pass its filters, closest first, at
    /// most `query.limit`; nil when `id` is not in the index.
    public func neighbours(of id: UUID, _ query: SimilarityQuery) -> [Neighbour]? {
        guard let target = rowOf[id] else { return nil }
        let lanes = Self.lanes
        let weights = Self.weights(query.groups)
        let limit = query.limit
        var best: [(distance: Float, row: Int)] = []
        best.reserveCapacity(limit + 1)
        var worst = Float.infinity
        matrix.withUnsafeBufferPointer { m in
            weights.withUnsafeBufferPointer { w in
                let q = Array(m[(target * lanes)..<((target + 1) * lanes)])
                q.withUnsafeBufferPointer { q in
                    for row in 0..<ids.count where row != target {
                        let base = row * lanes
                        var sum = SIMD8<Float>()
                        for lane in 0..<lanes {
                            let d = m[base + lane] - q[lane]
                            sum += w[lane] * d * d
                        }
                        let distance = sum.sum()
                        guard distance < worst else { continue }
                        guard query.admits(bpm: bpms[row], camelot: camelots[row]) else { continue }
                        let at = best.firstIndex(where: { $0.distance > distance }) ?? best.count
                        best.insert((distance, row), at: at)
                        if best.count > limit { best.removeLast() }
                        if best.count == limit { worst = best[limit - 1].distance }
                    }
                }
            }
        }
        let groups = Float(max(1, Set(query.groups).count))
        return best.map { Neighbour(id: ids[$0.row], similarity: Double(exp(-$0.distance / (2 * groups)))) }
    }
}
