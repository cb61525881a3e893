import Foundation
import Net

/// What turns a link into media, built once from the configuration: the resolver chain (TikTok,
/// Instagram, yt-dlp when installed, then direct URLs), the fetcher of direct media URLs, and
/// the clients a library also uses on their own (TikTok profiles for following creators).
public struct LinkServices: Sendable {
    /// Claims a link and says where its media is.
    public let resolver: SourceResolver
    /// Downloads direct media URLs.
    public let fetcher: any MediaFetcher
    /// The RapidAPI TikTok client; nil without `RAPIDAPI_KEY`.
    public let tiktok: TikTokClient?
    /// yt-dlp, when installed.
    public let ytdlp: YTDLP?

    /// The live services: links and media fetched under `policy`, bodies up to `maxDownloadBytes`,
    /// local file paths taken when `allowLocalFiles`.
    public static func live(_ sources: SourcesConfiguration, policy: AddressPolicy, allowLocalFiles: Bool,
                            maxDownloadBytes: Int64) -> LinkServices {
        let api = HTTPClient()
        let tiktok = sources.rapidAPIKey.map {
            TikTokClient(baseURL: sources.tiktokBaseURL, key: $0, http: api,
                         attempts: sources.apiAttempts, retryDelay: sources.apiRetryDelay)
        }
        let instagram = sources.rapidAPIKey.map {
            InstagramClient(baseURL: sources.instagramBaseURL, key: $0, http: api,
                            attempts: sources.apiAttempts, retryDelay: sources.apiRetryDelay)
        }
        let ytdlp = sources.ytdlpPath.map { YTDLP(path: $0) }
        var chain: [any LinkResolver] = [
            TikTokResolver(client: tiktok, redirects: HTTPClient(addressPolicy: policy), extraShortLinkHosts: sources.tiktokShortLinkHosts),
            InstagramResolver(client: instagram),
        ]
        if let ytdlp {
            chain.append(YTDLPResolver(tool: ytdlp, policy: policy, allowedHosts: sources.ytdlpAllowedHosts))
        }
        chain.append(DirectLinkResolver())
        return LinkServices(resolver: SourceResolver(allowLocalFiles: allowLocalFiles, resolvers: chain),
                            fetcher: DirectURLFetcher(policy: policy, maxBytes: maxDownloadBytes, sources: sources),
                            tiktok: tiktok, ytdlp: ytdlp)
    }
}
