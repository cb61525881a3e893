import Foundation

/// One part of a sample made by a stem job (`vocal`, `drum`, …): stored and analysed like a
/// sample (WAV + MP3 + HLS + peaks, tempo, key, loudness), so it plays and exports like one.
public struct Stem: Codable, Sendable, Hashable, Identifiable, AnalysedAudio {
    /// The stem's id.
    public var id: UUID
    /// The stem job that made it.
    public var stemJobID: UUID
    /// The sample it was split from.
    public var sampleID: UUID
    /// What part of the mix it is.
    public var type: StemType
    /// `pending` until its job stores it, then `completed` (or `failed` with the job).
    public var status: SampleStatus
    /// Whether the provider made an estimate of this part rather than a separation (shown as such).
    public var estimate: Bool
    /// Its decoded duration in seconds.
    public var duration: Double?
    /// Its tempo, key and loudness.
    public var analysis: AnalysisResult?
    /// Its stored files (the same layout as a sample's).
    public var files: SampleFiles?
    /// How many times it was downloaded, by anyone.
    public var downloadCount: Int
    /// The credits the next download or export by the user who asked costs: the download price
    /// until they have paid it once, then 0. Nil when no user asked (the library itself) or the
    /// server is older.
    public var exportCost: Int?
    /// When it was requested.
    public var createdAt: Date
    /// When it was stored.
    public var completedAt: Date?

    /// Creates a stem.
    public init(id: UUID, stemJobID: UUID, sampleID: UUID, type: StemType, status: SampleStatus, estimate: Bool,
                duration: Double? = nil, analysis: AnalysisResult? = nil, files: SampleFiles? = nil, downloadCount: Int = 0,
                createdAt: Date, completedAt: Date? = nil) {
        self.id = id
        self.stemJobID = stemJobID
        self.sampleID = sampleID
        self.type = type
        self.status = status
        self.estimate = estimate
        self.duration = duration
        self.analysis = analysis
        self.files = files
        self.downloadCount = downloadCount
        self.createdAt = createdAt
        self.completedAt = completedAt
    }

    /// Its detected tempo (nil when none was found).
    public var bpm: Double? {
        guard let bpm = analysis?.bpm, bpm > 0 else { return nil }
        return bpm
    }
    /// Its detected key.
    public var key: MusicalKey? { analysis?.musicalKey }
    /// Whether its tempo was detected with enough confidence.
    public var bpmIsConfident: Bool { analysis?.bpmIsConfident == true }
    /// Whether its key was detected with enough confidence.
    public var keyIsConfident: Bool { analysis?.keyIsConfident == true }
    /// The nearly tied second key of the analysis, if any.
    public var keyAlternative: MusicalKey? { analysis?.keyAlternative }

    enum CodingKeys: String, CodingKey {
        case id, type, status, estimate, analysis, files
        case stemJobID = "stem_job_id"
        case sampleID = "sample_id"
        case duration = "duration_s"
        case downloadCount = "download_count"
        case exportCost = "export_cost"
        case createdAt = "created_at"
        case completedAt = "completed_at"
    }
}
