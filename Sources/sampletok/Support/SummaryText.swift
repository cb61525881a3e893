import Analysis
import Engine
import Foundation

/// The human-readable form of a `ProcessSummary`.
enum SummaryText {
    static func render(_ s: ProcessSummary, folder: String) -> String {
        var lines: [String] = []
        let source = s.source
        lines.append("\(s.input): \(source.container) · \(source.codec) \(source.sampleRate) Hz \(source.channelLayout)"
            + (source.hasVideo ? " (+ video, ignored)" : ""))
        lines.append(String(format: "duration %.3f s · %d frames at 48 kHz · %@", s.duration, s.frames, s.channelMapping.rawValue))
        if let a = s.analysis {
            let key = a.musicalKey.map { "\($0) (\(a.camelot ?? "?"))" } ?? "no key"
            lines.append(String(format: "%.1f BPM (confidence %.2f) · %@ (confidence %.2f) · %.1f LUFS",
                                a.bpm, a.bpmConfidence, key, a.keyConfidence, a.loudnessLUFS))
        }
        lines.append("wrote \(folder)/")
        for file in s.outputs {
            let files = file.files > 1 ? " (\(file.files) files)" : ""
            lines.append("  \(file.path.padding(toLength: 16, withPad: " ", startingAt: 0)) \(bytes(file.bytes))\(files)")
        }
        let stages = s.stages.map { String(format: "%@ %.0f ms", $0.name, $0.seconds * 1000) }.joined(separator: " · ")
        lines.append("stages: \(stages)")
        lines.append(String(format: "total: %.2f s wall, %.2f s CPU", s.wallSeconds, s.cpuSeconds))
        return lines.joined(separator: "\n")
    }

    static func bytes(_ n: Int) -> String {
        if n >= 1_000_000 { return String(format: "%.2f MB", Double(n) / 1e6) }
        if n >= 1_000 { return String(format: "%.1f kB", Double(n) / 1e3) }
        return "\(n) B"
    }
}
