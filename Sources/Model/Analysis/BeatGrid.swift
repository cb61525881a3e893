/// Where the beats of a clip fall: each beat's position and the first downbeat's, in samples
/// of the 48 kHz audio (the WAV the library keeps), found by the analysis for a clip with a
/// tempo. The downbeat assumes four beats to the bar.
public struct BeatGrid: Codable, Sendable, Hashable {
    /// The beats, in samples from the start, in order.
    public var beats: [Int]
    /// The first downbeat (the one of a bar), one of `beats`.
    public var downbeat: Int

    /// The rate the positions count samples at.
    public static let sampleRate = 48_000

    /// Creates a grid.
    public init(beats: [Int], downbeat: Int) {
        self.beats = beats
        self.downbeat = downbeat
    }

    /// Whether the beat at `index` of `beats` starts a bar (four beats to the bar from the downbeat).
    public func isDownbeat(at index: Int) -> Bool {
        guard let first = beats.firstIndex(of: downbeat) else { return false }
        return ((index - first) % 4 + 4) % 4 == 0
    }

    /// The beats as the database keeps them: `downbeat;beat,beat,…`.
    public var stored: String {
        "\(downbeat);" + beats.map(String.init).joined(separator: ",")
    }

    /// Reads `stored`; nil for anything else.
    public init?(stored text: String) {
        let parts = text.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let downbeat = Int(parts[0]) else { return nil }
        let beats = parts[1].split(separator: ",").compactMap { Int($0) }
        guard !beats.isEmpty, beats.count == parts[1].split(separator: ",").count else { return nil }
        self.init(beats: beats, downbeat: downbeat)
    }
}
