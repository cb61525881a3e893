import Foundation
import Model

/// Human-readable forms of stem jobs and stems for the commands.
enum StemText {
    /// One line: the stem job's id, what it asked for, the provider, its status and cost.
    static func summary(_ job: StemJob) -> String {
        "stem job \(SampleText.shortID(job.id))  \(job.requested.map(\.rawValue).joined(separator: ","))  \(job.provider)  "
            + "\(job.status.rawValue)  \(job.cost) credit\(job.cost == 1 ? "" : "s")"
    }

    /// The summary, the error if it failed, and a line per stem.
    static func details(_ job: StemJob) -> String {
        var lines = [summary(job)]
        if let error = job.error { lines.append("  error: \(error.code): \(error.message)") }
        for stem in job.stems { lines.append("  " + row(stem)) }
        return lines.joined(separator: "\n")
    }

    /// One stem: id, type, status, duration, tempo, key, whether it is an estimate.
    static func row(_ stem: Stem) -> String {
        let bpm = stem.bpm == nil ? "–" : SampleText.bpm(stem) + " BPM"
        let key = stem.keyLabel ?? "–"
        return "\(SampleText.shortID(stem.id))  \(SampleText.pad(stem.type.rawValue, 15))  \(SampleText.pad(stem.status.rawValue, 9))  "
            + "\(SampleText.clock(stem.duration))  \(bpm)  \(key)\(stem.estimate ? "  (estimate)" : "")"
    }
}
