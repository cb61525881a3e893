/// The formats a sample can be exported or downloaded in.
public enum ExportFormat: String, Codable, Sendable, CaseIterable {
    /// 48 kHz 24-bit WAV.
    case wav
    /// 320 kb/s MP3.
    case mp3
}
