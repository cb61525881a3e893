import Foundation
import Model
import TUI

/// Human-readable forms of samples for the commands.
enum SampleText {
    static func shortID(_ id: UUID) -> String { String(id.uuidString.lowercased().prefix(8)) }

    /// `m:ss` as the app shows it (`DurationText`), `–` when unknown.
    static func clock(_ seconds: Double?) -> String { DurationText.clock(seconds, unknown: "–") }

    /// The tempo to 0.1 BPM, with `?` when it is not trustworthy (as the app's list marks it).
    static func bpm(_ audio: some AnalysedAudio) -> String {
        audio.bpm.map { String(format: "%.1f", $0) + (audio.bpmIsConfident ? "" : "?") } ?? "–"
    }

    /// How keys are spelled: `notation` in the app's `settings.toml` (flats for flat keys by default).
    static let notation: KeyNotation = AppSettings.load(from: AppSettings.defaultFile).settings.notation

    /// `Bbm 3A`, spelled in `notation`, `–` without a key.
    static func key(_ sample: Sample) -> String {
        sample.keyLabel(in: notation) ?? "–"
    }

    /// One file's line of `import`, naming that file: a file with the same content as one
    /// already in the library (or earlier in the same import) says which, and an error of that
    /// sample is said to be that file's.
    static func importLine(_ result: ImportResult) -> String {
        guard let sample = result.sample else { return "✗ \(result.path): \(result.error?.description ?? "failed")" }
        let twin = sameContent(sample, as: result.path)
        if let error = sample.error ?? result.error {
            let origin = twin.map { "same content as \($0), which failed: " } ?? ""
            return "✗ \(result.path): \(origin)\(error.code): \(error.message)"
        }
        let mark = sample.status == .completed ? "✓" : "…"
        let again = result.created ? "" : " (already in the library\(twin.map { ": same content as \($0)" } ?? ""))"
        let title = twin == nil ? sample.title ?? result.path : URL(fileURLWithPath: result.path).deletingPathExtension().lastPathComponent
        return "\(mark) \(shortID(sample.id))  \(title)  \(clock(sample.duration))  \(bpm(sample)) BPM  \(key(sample))\(again)"
    }

    /// The file a sample was made from, when it is not `path` (a file with the same content).
    private static func sameContent(_ sample: Sample, as path: String) -> String? {
        guard sample.platform == "local" else { return nil }
        let source = URL(fileURLWithPath: sample.sourceURL).standardizedFileURL.path
        return source == URL(fileURLWithPath: path).standardizedFileURL.path ? nil : source
    }

    /// One row of `list`.
    static func row(_ s: Sample) -> String {
        let title = (s.title ?? s.sourceURL).prefix(36)
        return [shortID(s.id), pad(String(title), 36), padLeft(clock(s.duration), 5), padLeft(bpm(s), 6), pad(key(s), 7),
                s.status.rawValue].joined(separator: "  ")
    }

    /// `s` cut or padded with spaces on the right to `n` characters.
    static func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: n, withPad: " ", startingAt: 0) }

    /// `s` padded with spaces on the left to at least `n` characters.
    static func padLeft(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }

    /// `show`.
    static func details(_ s: Sample) -> String {
        var lines = ["\(s.title ?? "(untitled)")  [\(s.id.uuidString.lowercased())]"]
        lines.append("status     \(s.status.rawValue)" + (s.error.map { " — \($0.shown)" } ?? ""))
        lines.append("source     \(s.sourceURL)  (\(s.platform))")
        if let creator = s.creator {
            let profile = s.creatorProfile
            let name = profile?.displayName.map { " (\($0))" } ?? ""
            let followers = profile?.followers.map { ", \($0) followers" } ?? ""
            lines.append("creator    @\(creator)\(name)\(followers)")
        }
        if let d = s.description, !d.isEmpty { lines.append("about      \(d.prefix(200))") }
        if let stats = s.stats {
            let parts = [("views", stats.views), ("likes", stats.likes), ("comments", stats.comments), ("shares", stats.shares)]
                .compactMap { name, value in value.map { "\($0) \(name)" } }
            lines.append("stats      \(parts.joined(separator: " · "))")
        }
        lines.append("duration   \(clock(s.duration))")
        if let a = s.analysis {
            lines.append(String(format: "tempo      %.1f BPM (confidence %.2f)", a.bpm, a.bpmConfidence))
            if let musicalKey = a.musicalKey {
                let key = "\(musicalKey.name(in: notation)) (\(a.camelot ?? ""))" + (a.keyAlternative.map { ", or \($0.name(in: notation))" } ?? "")
                lines.append(String(format: "key        %@ (confidence %.2f)", key, a.keyConfidence))
            } else {
                lines.append("key        none: no pitched sound (drums, noise or silence)")
            }
            lines.append(String(format: "loudness   %.1f LUFS", a.loudnessLUFS))
        }
        if let o = s.overrides {
            lines.append("your tempo \(o.bpm.map { String(format: "%.1f BPM", $0) } ?? "–") · your key \(o.key.map { "\($0.name(in: notation)) (\($0.camelot))" } ?? "–")")
        }
        lines.append("downloads  \(s.downloadCount)")
        if let files = s.files {
            for (name, file) in [("wav", files.wav), ("mp3", files.mp3), ("hls", files.hls), ("peaks", files.peaks), ("waveform", files.waveform)] {
                if let file { lines.append(String(format: "%-10@ %@  (%d bytes)", name, file.url ?? file.key, file.bytes)) }
            }
        }
        return lines.joined(separator: "\n")
    }
}
