import Foundation
import Model

/// How the CLI prints crates.
enum CrateText {
    /// One line: id, name, count.
    static func summary(_ crate: Crate) -> String {
        "\(SampleText.shortID(crate.id))  \(SampleText.pad(crate.name, 24))  \(crate.count) sample\(crate.count == 1 ? "" : "s")"
    }

    /// The summary and one line per sample: its place and the sample's row.
    static func details(_ crate: Crate) -> String {
        var lines = [summary(crate)]
        for item in crate.items ?? [] {
            lines.append("  \(SampleText.padLeft(String(item.position), 3))  \(SampleText.row(item.sample))")
        }
        return lines.joined(separator: "\n")
    }
}
