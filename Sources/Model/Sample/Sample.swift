import Foundation

/// A sample: one clip from a post or file, its files and its analysis. The API's JSON is this.
public struct Sample: Codable, Sendable, Hashable, Identifiable, AnalysedAudio {
    /// Its id.
    public var id: UUID
    /// Where it is in its life.
    public var status: SampleStatus
    /// The URL or path as submitted.
    public var sourceURL: String
    /// The canonical form used to recognise a second submission of the same thing.
    public var canonicalURL: String
    /// Where it came from: `local`, `http`, `tiktok`, `instagram`, `ytdlp`.
    public var platform: String
    /// Its title (a post's caption title, or the file name).
    public var title: String?
    /// A longer description, when the source has one.
    public var description: String?
    /// The creator's username, when the source has one.
    public var creator: String?
    /// The creator's profile (display name, followers, avatar), when the source has one.
    public var creatorProfile: Creator?
    /// The post's id on its platform (TikTok video id, Instagram media id, …).
    public var videoID: String?
    /// The post's cover image URL, as the platform gave it (platform CDN links may expire).
    public var coverURL: String?
    /// Engagement figures of the post.
    public var stats: SampleStats?
    /// The decoded duration in seconds.
    public var duration: Double?
    /// What the analysis detected.
    public var analysis: AnalysisResult?
    /// What the user set by hand.
    public var overrides: SampleOverrides?
    /// Its stored files, once completed.
    public var files: SampleFiles?
    /// How many times it was downloaded or exported.
    public var downloadCount: Int
    /// Why it failed, when it did.
    public var error: SampleTokError?
    /// When it was submitted.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date
    /// When it completed.
    public var completedAt: Date?

    /// Creates a sample.
    public init(id: UUID, status: SampleStatus, sourceURL: String, canonicalURL: String, platform: String,
                title: String? = nil, description: String? = nil, creator: String? = nil, creatorProfile: Creator? = nil,
                videoID: String? = nil, coverURL: String? = nil, stats: SampleStats? = nil,
                duration: Double? = nil, analysis: AnalysisResult? = nil, overrides: SampleOverrides? = nil,
                files: SampleFiles? = nil, downloadCount: Int = 0, error: SampleTokError? = nil,
                createdAt: Date, updatedAt: Date, completedAt: Date? = nil) {
        self.id = id
        self.status = status
        self.sourceURL = sourceURL
        self.canonicalURL = canonicalURL
        self.platform = platform
        self.title = title
        self.description = description
        self.creator = creator
        self.creatorProfile = creatorProfile
        self.videoID = videoID
        self.coverURL = coverURL
        self.stats = stats
        self.duration = duration
        self.analysis = analysis
        self.overrides = overrides
        self.files = files
        self.downloadCount = downloadCount
        self.error = error
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.completedAt = completedAt
    }

    /// The tempo to show and filter by: the user's, else the detected one (nil when none).
    public var bpm: Double? {
        if let bpm = overrides?.bpm { return bpm }
        guard let detected = analysis?.bpm, detected > 0 else { return nil }
        return detected
    }

    /// The key to show and filter by: the user's, else the detected one.
    public var key: MusicalKey? { overrides?.key ?? analysis?.musicalKey }

    /// Whether the key shown is trustworthy: set by the user, or detected with enough confidence.
    public var keyIsConfident: Bool { overrides?.key != nil || analysis?.keyIsConfident == true }

    /// The nearly tied second key of the analysis; nil when the user set the key.
    public var keyAlternative: MusicalKey? { overrides?.key == nil ? analysis?.keyAlternative : nil }

    /// Whether the tempo shown is trustworthy: set by the user, or detected with enough confidence.
    public var bpmIsConfident: Bool { overrides?.bpm != nil || analysis?.bpmIsConfident == true }

    enum CodingKeys: String, CodingKey {
        case id, status, platform, title, description, creator, stats, analysis, overrides, files, error
        case sourceURL = "source_url"
        case canonicalURL = "canonical_url"
        case duration = "duration_s"
        case creatorProfile = "creator_profile"
        case videoID = "video_id"
        case coverURL = "cover_url"
        case downloadCount = "download_count"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case completedAt = "completed_at"
    }
}
