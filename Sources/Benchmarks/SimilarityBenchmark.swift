import Analysis
import Engine
import Foundation
import Model

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
        func uniform() -> Float { Float(random.next() >> 40) / Float(1 << 24) }
        let length = SoundDescriptor.length
        let centres = (0..<64).map { _ in (0..<length).map { _ in uniform() * 4 - 2 } }
        let keys = MusicalKey.all
        var entries: [SimilarityIndex.Entry] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let centre = centres[Int(random.next() % 64)]
            let values = centre.map { $0 + uniform() - 0.5 }
            entries.append(SimilarityIndex.Entry(id: UUID(), bpm: 60 + Double(uniform()) * 120,
                                                 camelot: keys[Int(random.next() % UInt64(keys.count))].camelot,
                                                 descriptor: SoundDescriptor(values: values)))
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
}
