import Foundation
import Model

/// The stems the list knows: each sample's stem jobs with their stems (loaded when the cursor
/// rests on it), and the samples whose finished stems are shown as rows under them.
public struct StemsState: Sendable {
    /// The stem jobs of samples with their stems, by sample.
    public var jobs: [UUID: [StemJob]] = [:]
    /// Samples whose stem jobs were asked for (or failed), so they are asked once.
    public var requested: Set<UUID> = []
    /// Samples whose finished stems are shown as rows under them.
    public var expanded: Set<UUID> = []

    /// A sample's finished stems, newest request first, each request's in stem-type order.
    public func finished(of sampleID: UUID) -> [Stem] {
        (jobs[sampleID] ?? []).flatMap { $0.stems.filter { $0.status == .completed } }
    }

    /// Asks for a sample's stem jobs unless they were asked for already.
    mutating func request(_ sampleID: UUID) -> [Effect] {
        requested.insert(sampleID).inserted ? [.loadStems(sampleID)] : []
    }

    /// Asks in one call for the stem jobs of those of `sampleIDs` not asked for already.
    mutating func request(_ sampleIDs: [UUID]) -> [Effect] {
        let asked = sampleIDs.filter { requested.insert($0).inserted }
        return asked.isEmpty ? [] : [.loadListedStems(asked)]
    }

    /// A sample's stem jobs arrived; past 256 samples, one neither `selected` nor expanded is forgotten.
    mutating func loaded(_ sampleID: UUID, _ loaded: [StemJob], selected: UUID?) {
        jobs[sampleID] = loaded
        if jobs.count > 256, let old = jobs.keys.first(where: { $0 != sampleID && $0 != selected && !expanded.contains($0) }) {
            jobs.removeValue(forKey: old)
            requested.remove(old)
        }
    }

    /// `r`: every sample's stems are asked for again.
    mutating func refresh() {
        jobs = [:]
        requested = []
    }
}
