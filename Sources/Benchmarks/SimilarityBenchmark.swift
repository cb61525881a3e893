import Analysis
import Engine
import Foundation
import Model
import SQLKit

/// The speed of the similarity search: `count` synthetic descriptors in an index, then
/// `queries` searches for `limit` neighbours of random samples, timed one by one.
public enum SimilarityBenchmark {
    /// Timings in milliseconds.
    public struct Report: Sendable {
        /// Seconds to build the index (standardise and pack).
        public var buildSeconds: Double
        /// Each search's wall-clock milliseconds, sorted.
        public var milliseconds: [Double]
        /// Each search's CPU milliseconds (this process), sorted: what the search costs when
        /// other processes share the cores.
        public var cpuMilliseconds: [Double]

        /// The wall-clock time below which `fraction` of the searches fell.
        public func percentile(_ fraction: Double) -> Double { Self.percentile(fraction, of: milliseconds) }

        /// The CPU time below which `fraction` of the searches fell.
        public func cpuPercentile(_ fraction: Double) -> Double { Self.percentile(fraction, of: cpuMilliseconds) }

        static func percentile(_ fraction: Double, of sorted: [Double]) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count) * fraction).rounded(.up)) - 1))]
        }
    }

    /// Builds an index of `count` random descriptors (clustered, as real libraries are: 64
    /// centres with spread around them; tempos 60–180 and random keys for the filters) and
    /// times `queries` searches by `aspect`.
    public static func run(count: Int = 100_000, queries: Int = 200, limit: Int = 20, aspect: SimilarityAspect = .all,
                           filters: SampleQuery = SampleQuery()) -> Report {
        var random = SplitMix(seed: 100_000)
        let keys = MusicalKey.all
        let descriptors = syntheticDescriptors(count, random: &random)
        var entries: [SimilarityIndex.Entry] = []
        entries.reserveCapacity(count)
        for descriptor in descriptors {
            entries.append(SimilarityIndex.Entry(id: UUID(), bpm: 60 + Double(random.next() % 1200) / 10,
                                                 camelot: keys[Int(random.next() % UInt64(keys.count))].camelot,
                                                 descriptor: descriptor))
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let index = SimilarityIndex(entries)
        let buildSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let query = SimilarityQuery(aspect: aspect, limit: limit, filters: filters)
        var times: [Double] = [], cpuTimes: [Double] = []
        for _ in 0..<queries {
            let id = entries[Int(random.next() % UInt64(count))].id
            let begin = ProcessClock.wall(), cpu = ProcessClock.cpu()
            _ = index.neighbours(of: id, query)
            times.append((ProcessClock.wall() - begin) * 1000)
            cpuTimes.append((ProcessClock.cpu() - cpu) * 1000)
        }
        return Report(buildSeconds: buildSeconds, milliseconds: times.sorted(), cpuMilliseconds: cpuTimes.sorted())
    }

    /// `count` random descriptors, clustered around 64 centres as a real library's sounds are.
    static func syntheticDescriptors(_ count: Int, random: inout SplitMix) -> [SoundDescriptor] {
        func uniform(_ random: inout SplitMix) -> Float { Float(random.next() >> 40) / Float(1 << 24) }
        let length = SoundDescriptor.length
        let centres = (0..<64).map { _ in (0..<length).map { _ in uniform(&random) * 4 - 2 } }
        return (0..<count).map { _ in
            let centre = centres[Int(random.next() % 64)]
            return SoundDescriptor(values: centre.map { $0 + uniform(&random) - 0.5 })
        }
    }

    /// Gives every completed sample of `library` a synthetic descriptor (one transaction).
    public static func fillDescriptors(of library: Library, seed: UInt64 = 7) async throws {
        guard let sql = library.database.db as? any SQLDatabase else { return }
        let ids = try await sql.raw("SELECT id FROM samples WHERE status = 'completed'").all()
            .map { try $0.decode(column: "id", as: UUID.self) }
        var random = SplitMix(seed: seed)
        let descriptors = syntheticDescriptors(ids.count, random: &random)
        try await library.database.db.transaction { db in
            guard let sql = db as? any SQLDatabase else { return }
            for (id, descriptor) in zip(ids, descriptors) {
                try await sql.raw("UPDATE samples SET features = \(bind: descriptor.stored) WHERE id = \(bind: id)").run()
            }
        }
    }

    /// Times `library.samples.similar` end to end (the stamp check, the search, reading the
    /// neighbours' rows): the first search (which builds the index from the database) and then
    /// `queries` more, in seconds.
    public static func timeLibrary(_ library: Library, queries: Int, limit: Int = 20) async throws -> (first: Double, each: [Double]) {
        guard let sql = library.database.db as? any SQLDatabase else { return (0, []) }
        let ids = try await sql.raw("SELECT id FROM samples WHERE features IS NOT NULL").all()
            .map { try $0.decode(column: "id", as: UUID.self) }
        guard let first = ids.first else { return (0, []) }
        var random = SplitMix(seed: 3)
        let start = ProcessClock.wall()
        _ = try await library.samples.similar(to: first, SimilarityQuery(limit: limit))
        let cold = ProcessClock.wall() - start
        var times: [Double] = []
        for _ in 0..<queries {
            let id = ids[Int(random.next() % UInt64(ids.count))]
            let begin = ProcessClock.wall()
            _ = try await library.samples.similar(to: id, SimilarityQuery(limit: limit))
            times.append(ProcessClock.wall() - begin)
        }
        return (cold, times.sorted())
    }
}
