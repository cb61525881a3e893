import Foundation

extension Sample {
    /// The name an export of this sample gets: `title - 96 BPM - A minor`, with the characters
    /// file systems dislike replaced. The local library and the remote client name files alike.
    public var exportName: String {
        var parts = [title ?? String(id.uuidString.prefix(8)).lowercased()]
        if let bpm { parts.append(String(format: "%.0f BPM", bpm)) }
        if let key, keyIsConfident { parts.append(key.description) }
        let name = parts.joined(separator: " - ")
        let cleaned = String(name.map { "/\\:*?\"<>|\0".contains($0) || $0.isNewline ? "_" : $0 })
        return String(cleaned.prefix(120)).trimmingCharacters(in: .whitespaces)
    }

    /// `exportName` with the format's extension.
    public func exportFileName(_ format: ExportFormat) -> String { "\(exportName).\(format.rawValue)" }
}
