import Foundation
import Model

/// How well a separator makes one stem type.
enum StemSupport: Sendable, Hashable {
    /// It makes this stem.
    case supported
    /// It makes an estimate of this stem (shown to users as such), for the reason given.
    case estimate(String)
    /// It cannot make this stem, for the reason given (shown in the stem dialog).
    case unsupported(String)
}

/// One way to split a sample's audio into stems: the offline DSP separator (`local`) or
/// LALAL.AI (`lalal`). A separator writes audio files; the stem job then decodes, analyses and
/// stores each one like a sample (WAV + MP3 + HLS + peaks).
protocol StemSeparator: Sendable {
    /// Its provider name in the API (`local`, `lalal`).
    var name: String { get }

    /// Whether it can make `type`.
    func support(for type: StemType) -> StemSupport

    /// Splits the audio file at `source` (the sample's 48 kHz WAV) into `stems`, writing one
    /// audio file per stem into `directory` (any format the media pipeline decodes), and returns
    /// them by type. `progress` receives a fraction 0…1 and a short message. Throws a
    /// `SampleTokError` with a `stems.*` code on failure.
    func separate(source: URL, stems: [StemType], into directory: URL,
                  progress: @escaping @Sendable (Double, String) -> Void) async throws -> [StemType: URL]
}
