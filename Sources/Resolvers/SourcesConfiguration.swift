import Foundation

/// How links become media: the RapidAPI key and the base URLs of the APIs behind it, extra
/// short-link hosts, and yt-dlp. Read from the environment; a missing key disables only the
/// resolvers that need it.
public struct SourcesConfiguration: Sendable {
    /// `RAPIDAPI_KEY`: the key of the TikTok and Instagram APIs; nil disables both.
    public var rapidAPIKey: String?
    /// `TIKTOK_API_BASE_URL`: the RapidAPI "TikTok Video No Watermark" API (default the real one).
    public var tiktokBaseURL: String
    /// `INSTAGRAM_API_BASE_URL`: the RapidAPI Instagram API (default the real one).
    public var instagramBaseURL: String
    /// `TIKTOK_SHORT_LINK_HOSTS` (comma-separated `host` or `host:port`): hosts besides
    /// `vm.tiktok.com` and `vt.tiktok.com` whose links are short links to follow (a redirector, a test).
    public var tiktokShortLinkHosts: Set<String>
    /// The yt-dlp executable: `YTDLP_PATH`, else `yt-dlp` found on `PATH`; nil when there is none.
    public var ytdlpPath: String?
    /// `YTDLP_ALLOWED_HOSTS` (comma-separated host names; a name also admits its subdomains; `*`
    /// admits every host): the sites whose pages a server hands to yt-dlp. A server (public-only
    /// address policy) without it takes no yt-dlp pages; the local app takes any.
    public var ytdlpAllowedHosts: HostList
    /// Tries per API call on transient failures (transport errors, 5xx).
    public var apiAttempts: Int
    /// Seconds before an API call's second try; each later one doubles.
    public var apiRetryDelay: Double

    /// Creates a configuration from the environment.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        rapidAPIKey = environment["RAPIDAPI_KEY"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        tiktokBaseURL = Self.nonEmpty(environment["TIKTOK_API_BASE_URL"]) ?? TikTokClient.defaultBaseURL
        instagramBaseURL = Self.nonEmpty(environment["INSTAGRAM_API_BASE_URL"]) ?? "https://instagram-best-experience.p.rapidapi.com"
        tiktokShortLinkHosts = Set((environment["TIKTOK_SHORT_LINK_HOSTS"] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })
        ytdlpPath = Self.nonEmpty(environment["YTDLP_PATH"]) ?? Self.find("yt-dlp", in: environment["PATH"] ?? "")
        ytdlpAllowedHosts = HostList(environment["YTDLP_ALLOWED_HOSTS"] ?? "")
        apiAttempts = 3
        apiRetryDelay = 0.5
    }

    /// The first executable called `name` in the `PATH` list `path`.
    static func find(_ name: String, in path: String) -> String? {
        path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }
}
