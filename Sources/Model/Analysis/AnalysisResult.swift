/// What the analysis of one clip found: duration, tempo, key and loudness, with confidences.
///
/// Its JSON uses exactly these keys: `duration_s`, `bpm`, `bpm_confidence`, `key`, `scale`,
/// `key_confidence`, `key_alternative`, `camelot`, `loudness_lufs`. When there is nothing to analyse
/// (no samples, digital silence) `bpm` is 0 with confidence 0, `key`, `scale` and `camelot` are null
/// with confidence 0, and loudness is −70 LUFS (the absolute gate, as ffmpeg's `ebur128` reports).
/// `key_alternative` is the runner-up key (`"C major"`) when it scored nearly as well as `key`, else
/// null; results stored before it existed decode without it. `beats` (sample positions at 48 kHz)
/// and `downbeat` (the first downbeat's position) place the beat grid of a clip with a tempo; both
/// null without one, or for analyses made before the grid was found.
public struct AnalysisResult: Codable, Sendable, Hashable {
    /// The analysed duration in seconds.
    public var durationSeconds: Double
    /// The tempo in beats per minute at 0.1 BPM resolution; 0 when no tempo was found.
    public var bpm: Double
    /// How much to trust `bpm`, 0–1: the strength of the periodicity found at that tempo.
    public var bpmConfidence: Double
    /// The tonic of the estimated key, nil when the audio holds nothing to estimate from.
    public var key: PitchClass?
    /// The mode of the estimated key.
    public var scale: Scale?
    /// How much to trust `key`/`scale`, 0–1; below 0.5 show the key as uncertain.
    public var keyConfidence: Double
    /// The second key when the evidence nearly ties it with the first (`A minor, or C major`); nil
    /// when the first is clearly ahead or there is no key.
    public var keyAlternative: MusicalKey?
    /// The Camelot code of the key, e.g. `8A`.
    public var camelot: String?
    /// The EBU R128 integrated loudness in LUFS.
    public var loudnessLUFS: Double
    /// Where the beats fall, for a clip with a tempo.
    public var beatGrid: BeatGrid?

    /// Creates a result.
    public init(durationSeconds: Double, bpm: Double, bpmConfidence: Double, key: MusicalKey?,
                keyConfidence: Double, keyAlternative: MusicalKey? = nil, loudnessLUFS: Double, beatGrid: BeatGrid? = nil) {
        self.durationSeconds = durationSeconds
        self.bpm = bpm
        self.bpmConfidence = bpmConfidence
        self.key = key?.tonic
        self.scale = key?.scale
        self.keyConfidence = keyConfidence
        self.keyAlternative = key == nil ? nil : keyAlternative
        self.camelot = key?.camelot
        self.loudnessLUFS = loudnessLUFS
        self.beatGrid = beatGrid
    }

    /// The key as one value, when there is one.
    public var musicalKey: MusicalKey? {
        guard let key, let scale else { return nil }
        return MusicalKey(tonic: key, scale: scale)
    }

    enum CodingKeys: String, CodingKey {
        case durationSeconds = "duration_s"
        case bpm
        case bpmConfidence = "bpm_confidence"
        case key
        case scale
        case keyConfidence = "key_confidence"
        case keyAlternative = "key_alternative"
        case camelot
        case loudnessLUFS = "loudness_lufs"
        case beats
        case downbeat
    }

    /// Decodes the JSON above; `key_alternative` may be missing or null.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        durationSeconds = try container.decode(Double.self, forKey: .durationSeconds)
        bpm = try container.decode(Double.self, forKey: .bpm)
        bpmConfidence = try container.decode(Double.self, forKey: .bpmConfidence)
        key = try container.decodeIfPresent(PitchClass.self, forKey: .key)
        scale = try container.decodeIfPresent(Scale.self, forKey: .scale)
        keyConfidence = try container.decode(Double.self, forKey: .keyConfidence)
        keyAlternative = try container.decodeIfPresent(String.self, forKey: .keyAlternative)
            .flatMap(MusicalKey.init(parsing:))
        camelot = try container.decodeIfPresent(String.self, forKey: .camelot)
        loudnessLUFS = try container.decode(Double.self, forKey: .loudnessLUFS)
        if let beats = try container.decodeIfPresent([Int].self, forKey: .beats), !beats.isEmpty {
            beatGrid = BeatGrid(beats: beats, downbeat: try container.decodeIfPresent(Int.self, forKey: .downbeat) ?? beats[0])
        }
    }

    /// Encodes every key, writing null for a missing key rather than leaving the field out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        // Milliseconds are plenty; this keeps the JSON free of float noise such as 33.274208333.
        try container.encode((durationSeconds * 1000).rounded() / 1000, forKey: .durationSeconds)
        try container.encode(bpm, forKey: .bpm)
        try container.encode(bpmConfidence, forKey: .bpmConfidence)
        try container.encode(key, forKey: .key)
        try container.encode(scale, forKey: .scale)
        try container.encode(keyConfidence, forKey: .keyConfidence)
        try container.encode(keyAlternative?.description, forKey: .keyAlternative)
        try container.encode(camelot, forKey: .camelot)
        try container.encode(loudnessLUFS, forKey: .loudnessLUFS)
        try container.encode(beatGrid?.beats, forKey: .beats)
        try container.encode(beatGrid?.downbeat, forKey: .downbeat)
    }
}
