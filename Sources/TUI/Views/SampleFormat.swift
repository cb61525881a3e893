import Foundation
import Model

/// How samples and numbers read on screen; the same text in every view (and for the tests).
enum SampleFormat {
    /// The tempo, whole BPM (`96`, `216?` when it is not trustworthy), or empty.
    static func bpm(_ audio: some AnalysedAudio) -> String {
        audio.bpmLabel ?? ""
    }

    /// `Am 8A` (`Bbm 3A` with flats), with `?` when the key is not trustworthy, or empty.
    static func key(_ audio: some AnalysedAudio, _ notation: KeyNotation) -> String {
        audio.keyLabel(in: notation) ?? ""
    }

    /// The title, else the file or URL it came from.
    static func title(_ sample: Sample) -> String {
        if let title = sample.title?.trimmingCharacters(in: .whitespacesAndNewlines), !title.isEmpty { return oneLine(title) }
        return oneLine(shortSource(sample.sourceURL))
    }

    /// The creator as `@name`, or empty.
    static func creator(_ sample: Sample) -> String {
        guard let creator = sample.creator, !creator.isEmpty else { return "" }
        return oneLine(creator.hasPrefix("@") ? creator : "@" + creator)
    }

    /// The status word the app uses everywhere (the list, the filters, the messages): `ready`,
    /// `working` (waiting for a worker or being processed), `failed`.
    static func status(_ status: SampleStatus) -> String {
        switch status {
        case .completed: return "ready"
        case .pending, .processing: return "working"
        case .failed: return "failed"
        }
    }

    /// The statuses the filters offer, by their word: a filter on `working` takes every sample
    /// on its way (`processing` matches `pending` too).
    static let statusFilters: [(word: String, status: SampleStatus)] = [("ready", .completed), ("working", .processing), ("failed", .failed)]

    /// A URL without its scheme and `www.`, a path by its last part.
    static func shortSource(_ source: String) -> String {
        var text = source
        for prefix in ["https://", "http://", "file://"] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
        if text.hasPrefix("www.") { text.removeFirst(4) }
        if source.hasPrefix("/") || source.hasPrefix("file://") { return (text as NSString).lastPathComponent }
        return text
    }

    /// `1,204`.
    static func count(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// `1.2M`, `35K`, `870`.
    static func compact(_ n: Int) -> String {
        switch n {
        case 1_000_000...: return String(format: "%.1fM", Double(n) / 1e6)
        case 10_000...: return "\(n / 1000)K"
        case 1000...: return String(format: "%.1fK", Double(n) / 1e3)
        default: return "\(n)"
        }
    }

    /// A number without a needless `.0`.
    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(format: "%.0f", value) : String(format: "%.1f", value)
    }

    /// Text with line breaks and tabs turned into spaces.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
