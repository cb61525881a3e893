import Foundation

extension Sample {
    /// The name an export of this sample gets: `title - 96 BPM - A minor`, with the characters
    /// file systems dislike replaced. The local library and the remote client name files alike.
    public var exportName: String { exportName(synced: nil) }

    /// The export name of this sample as `sync` bends it: the tempo it plays at and the key it
    /// is shifted to (`title - 124 BPM - E minor`).
    public func exportName(synced sync: PlaybackSync?) -> String {
        var parts = [title ?? String(id.uuidString.prefix(8)).lowercased()]
        if let tempo = sync?.tempo ?? bpm { parts.append(String(format: "%.0f BPM", tempo)) }
        if let key, keyIsConfident {
            parts.append(MusicalKey(tonic: key.tonic.transposed(by: sync?.semitones ?? 0), scale: key.scale).description)
        }
        let name = parts.joined(separator: " - ")
        let cleaned = String(name.map { "/\\:*?\"<>|\0".contains($0) || $0.isNewline ? "_" : $0 })
        return String(cleaned.prefix(120)).trimmingCharacters(in: .whitespaces)
    }

    /// `exportName` with the format's extension.
    public func exportFileName(_ format: ExportFormat) -> String { "\(exportName).\(format.rawValue)" }
}
