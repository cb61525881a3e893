import Foundation

/// How a preview is bent to a session's tempo and key: stretched in time (the pitch kept) and
/// shifted in pitch (the tempo kept), in real time by the player.
public struct PlaybackSync: Sendable, Hashable, Codable {
    /// The output's length over the source's: above 1 slower, below 1 faster (a 120-BPM loop at
    /// a 124-BPM session: 120/124).
    public var timeRatio: Double
    /// The pitch shift in semitones.
    public var semitones: Int
    /// The tempo it plays at, when the clip has one.
    public var tempo: Double?

    /// A sync; nil unless the ratio is finite and between 1/4 and 4, and the shift within ±12.
    public init?(timeRatio: Double, semitones: Int, tempo: Double? = nil) {
        guard timeRatio.isFinite, timeRatio >= 0.25, timeRatio <= 4, abs(semitones) <= 12 else { return nil }
        self.timeRatio = timeRatio
        self.semitones = semitones
        self.tempo = tempo
    }

    /// The frequency factor of the shift.
    public var pitchScale: Double { pow(2, Double(semitones) / 12) }

    /// Whether it changes nothing.
    public var isIdentity: Bool { abs(timeRatio - 1) < 1e-9 && semitones == 0 }

    /// The sync of a clip at `bpm` in `key` to a session's `tempo` and `sessionKey`: the tempo
    /// matched at the session's tempo, its half or its double, whichever is nearest the clip's
    /// own; the key moved to the session's key, or its relative when the clip's mode is the
    /// other one (a minor loop in a C major session goes to A minor), by the smaller way round
    /// (−6 to +5 semitones). What the clip lacks (no tempo, no key) or the session does not ask
    /// for is left as it is; nil when nothing changes.
    public static func matching(bpm: Double?, key: MusicalKey?, tempo: Double?, sessionKey: MusicalKey?) -> PlaybackSync? {
        var ratio = 1.0
        var target: Double?
        if let bpm, bpm > 0, let tempo, tempo > 0 {
            let candidates = [tempo / 2, tempo, tempo * 2]
            let chosen = candidates.min { abs(log($0 / bpm)) < abs(log($1 / bpm)) } ?? tempo
            ratio = bpm / chosen
            target = chosen
        }
        var shift = 0
        if let key, let sessionKey {
            let goal = key.scale == sessionKey.scale ? sessionKey : sessionKey.relative
            shift = ((goal.tonic.rawValue - key.tonic.rawValue) % 12 + 12) % 12
            if shift > 5 { shift -= 12 }
        }
        guard let sync = PlaybackSync(timeRatio: ratio, semitones: shift, tempo: target), !sync.isIdentity else { return nil }
        return sync
    }

    /// `→ 124 BPM, +2 st` as the status line shows it.
    public var label: String {
        var parts: [String] = []
        if let tempo { parts.append("\(tempo.rounded() == tempo ? String(Int(tempo)) : String(format: "%.1f", tempo)) BPM") }
        if semitones != 0 { parts.append("\(semitones > 0 ? "+" : "")\(semitones) st") }
        return "→ " + (parts.isEmpty ? "as is" : parts.joined(separator: ", "))
    }
}
