import Client
import Foundation
import Model

/// How the collection commands print collections, and `--watch`.
enum CollectionText {
    /// One line: id, source, status, counts, credits.
    static func summary(_ c: SampleCollection) -> String {
        let p = c.progress
        let source = c.tiktokUser.map { "@\($0)" } ?? "urls"
        var counts = "\(p.completed) completed · \(p.processing) processing · \(p.pending) pending · \(p.failed) failed"
        if p.cancelled > 0 { counts += " · \(p.cancelled) cancelled" }
        return "\(SampleText.shortID(c.id))  \(SampleText.pad(source, 16))  \(SampleText.pad(c.status.rawValue, 10))  "
            + "\(p.total) item\(p.total == 1 ? "" : "s"): \(counts)  (\(c.creditsCharged) credits, \(c.creditsRefunded) refunded)"
    }

    /// The summary and one line per item: position, status, sample, URL, and the error.
    static func details(_ c: SampleCollection) -> String {
        var lines = [summary(c)]
        for item in c.items ?? [] {
            let sample = item.sampleID.map(SampleText.shortID) ?? "–"
            lines.append("  \(SampleText.pad(String(item.position + 1), 4))\(SampleText.pad(item.status.rawValue, 11))\(SampleText.pad(sample, 10))\(item.url)")
            if let error = item.error { lines.append("      \(error.code): \(error.message)") }
        }
        return lines.joined(separator: "\n")
    }

    /// Polls the collection every second, printing its summary when it changes, until every item
    /// is finished; then prints the details (or the JSON).
    static func watch(_ id: String, on client: any SampleTokClient, json: Bool) async throws {
        var last = ""
        while true {
            let collection = try await client.collection(id)
            let line = summary(collection)
            if line != last, !json { print(line) }
            last = line
            if collection.status == .finished {
                print(json ? try JSONOutput.string(collection) : details(collection))
                return
            }
            try await Task.sleep(for: .seconds(1))
        }
    }
}
