import Engine
import Foundation
import Model
import Net

/// How the HTTP API is served. Flags override environment variables, which override defaults.
public struct ServerConfiguration: Sendable {
    /// The address to listen on (default 127.0.0.1).
    public var host: String
    /// The port (default 8000; 0 picks a free one, printed at start).
    public var port: Int
    /// Where file URLs in responses point (`PUBLIC_BASE_URL`, e.g. a CDN); nil means the
    /// request's own host.
    public var publicBaseURL: String?
    /// The admin key for `X-Admin-Key` (`SECRET_KEY`); nil disables the admin routes (503).
    public var adminKey: String?
    /// The largest request body accepted, in bytes (`SAMPLETOK_MAX_BODY_BYTES`, default 1 MiB).
    public var maxBodyBytes: Int
    /// Browser origins allowed to call the API (`BACKEND_CORS_ORIGINS`: a comma-separated list or
    /// a JSON array, as the seed took it; `*` for any). Empty: no CORS headers.
    public var corsOrigins: [String]
    /// Submissions a minute per user and per address (`SUBMIT_RATE_LIMIT_PER_MINUTE`, default 30; 0: no limit).
    public var submitsPerMinute: Int
    /// Downloads a minute per user and per address (`DOWNLOAD_RATE_LIMIT_PER_MINUTE`, default 120; 0: no limit).
    public var downloadsPerMinute: Int
    /// How often an event stream looks at the sample's row, for jobs run by another process.
    public var eventPollInterval: Duration
    /// How long a stream stays silent before it sends a keep-alive comment.
    public var keepAliveInterval: Duration
    /// How long the process may take to exit after SIGTERM or SIGINT (`SAMPLETOK_SHUTDOWN_GRACE`
    /// in seconds, default 10; `SAMPLETOK_DRAIN_SECONDS` is its former name). Running jobs get
    /// `drainTimeout` of it to finish; then they are stopped and their leases handed back.
    public var shutdownGrace: Duration

    /// The part of the grace running jobs get to finish: all but the last 3 s (half of a grace
    /// under 6 s), which are left for stopping them, handing them back and closing the server.
    public var drainTimeout: Duration { shutdownGrace - min(.seconds(3), shutdownGrace / 2) }
    /// Pages of `GET /api/v1/samples` kept encoded while the library does not change
    /// (`SAMPLETOK_LIST_CACHE_ENTRIES`, default 512; 0 turns the cache off).
    public var listCacheEntries: Int
    /// Bytes of small stored files (≤ 1 MiB each) kept in memory for `/files/`
    /// (`SAMPLETOK_FILE_CACHE_MB`, default 64; 0 turns the cache off).
    public var fileCacheBytes: Int
    /// Stem requests a minute per user and per address (`STEM_SEPARATION_RATE_LIMIT_PER_MINUTE`, default 5; 0 is no limit).
    public var stemRequestsPerMinute: Int
    /// Stem downloads a minute per user and per address (`STEM_DOWNLOAD_RATE_LIMIT_PER_MINUTE`, default 30; 0 is no limit).
    public var stemDownloadsPerMinute: Int
    /// Transfers of paid files (stem WAV and MP3 through `/files`) one user may have in progress
    /// at once (`MAX_CONCURRENT_DOWNLOADS_PER_USER`, default 3).
    public var maxConcurrentDownloadsPerUser: Int
    /// The key that signs links to paid files: `FILE_LINK_SECRET`, else derived from
    /// `SECRET_KEY`, else random for this process (then only this process accepts its links).
    public var fileLinkSecret: [UInt8]
    /// How long a link to a paid file works, in seconds (`FILE_LINK_TTL_SECONDS`, default 900).
    public var fileLinkLifetime: Int
    /// The OpenAPI document served at `/api/v1/openapi.json` and `/api/v1/docs` (nil: they answer 503).
    public var openAPI: OpenAPIDocument?
    /// Reverse proxies whose `X-Forwarded-For` names the client (`TRUSTED_PROXIES`: addresses or
    /// networks, comma-separated). Empty: the header is ignored and the peer address is the client.
    public var trustedProxies: [IPNetwork]
    /// The entries of `TRUSTED_PROXIES` that are not addresses or networks.
    public var invalidTrustedProxies: [String]
    /// How long a connection may take to send a request's head (`SAMPLETOK_HEADER_TIMEOUT`,
    /// seconds, default 10): from when it opens, or from the end of the previous response.
    public var headerTimeout: Duration
    /// How long a connection may send nothing while a request is read or none is in progress
    /// (`SAMPLETOK_IDLE_TIMEOUT`, seconds, default 60).
    public var idleTimeout: Duration
    /// Connections one address may hold open at once (`SAMPLETOK_MAX_CONNECTIONS_PER_ADDRESS`,
    /// default 64; 0: no cap). Trusted proxies are not capped.
    public var maxConnectionsPerAddress: Int

    /// Creates a configuration from the environment.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        host = "127.0.0.1"
        port = 8000
        if let base = environment["PUBLIC_BASE_URL"]?.trimmingCharacters(in: .whitespaces), !base.isEmpty {
            publicBaseURL = base.hasSuffix("/") ? String(base.dropLast()) : base
        }
        if let key = environment["SECRET_KEY"], !key.isEmpty { adminKey = key }
        maxBodyBytes = Int(environment["SAMPLETOK_MAX_BODY_BYTES"] ?? "") ?? 1 << 20
        corsOrigins = Self.origins(environment["BACKEND_CORS_ORIGINS"] ?? "")
        submitsPerMinute = Int(environment["SUBMIT_RATE_LIMIT_PER_MINUTE"] ?? "") ?? 30
        downloadsPerMinute = Int(environment["DOWNLOAD_RATE_LIMIT_PER_MINUTE"] ?? "") ?? 120
        stemRequestsPerMinute = Int(environment["STEM_SEPARATION_RATE_LIMIT_PER_MINUTE"] ?? "") ?? 5
        stemDownloadsPerMinute = Int(environment["STEM_DOWNLOAD_RATE_LIMIT_PER_MINUTE"] ?? "") ?? 30
        maxConcurrentDownloadsPerUser = max(1, Int(environment["MAX_CONCURRENT_DOWNLOADS_PER_USER"] ?? "") ?? 3)
        fileLinkSecret = FileLinkSigner.secret(environment: environment)
        fileLinkLifetime = max(1, min(7 * 86_400, Int(environment["FILE_LINK_TTL_SECONDS"] ?? "") ?? 900))
        eventPollInterval = .seconds(1)
        keepAliveInterval = .seconds(15)
        let grace = Double(environment["SAMPLETOK_SHUTDOWN_GRACE"] ?? environment["SAMPLETOK_DRAIN_SECONDS"] ?? "")
            .flatMap { $0.isFinite ? $0 : nil } ?? 10
        listCacheEntries = max(0, Int(environment["SAMPLETOK_LIST_CACHE_ENTRIES"] ?? "") ?? 512)
        fileCacheBytes = max(0, min(1 << 14, Int(environment["SAMPLETOK_FILE_CACHE_MB"] ?? "") ?? 64)) << 20
        shutdownGrace = .milliseconds(Int(1000 * max(0, min(3600, grace))))
        let proxies = (environment["TRUSTED_PROXIES"] ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        trustedProxies = proxies.compactMap(IPNetwork.init)
        invalidTrustedProxies = proxies.filter { IPNetwork($0) == nil }
        headerTimeout = Self.seconds(environment["SAMPLETOK_HEADER_TIMEOUT"], default: 10)
        idleTimeout = Self.seconds(environment["SAMPLETOK_IDLE_TIMEOUT"], default: 60)
        maxConnectionsPerAddress = max(0, Int(environment["SAMPLETOK_MAX_CONNECTIONS_PER_ADDRESS"] ?? "") ?? 64)
    }

    /// A positive number of seconds from the environment (at most a day), else `fallback`.
    private static func seconds(_ text: String?, default fallback: Double) -> Duration {
        let value = Double(text ?? "").flatMap { $0.isFinite && $0 > 0 ? min($0, 86400) : nil } ?? fallback
        return .milliseconds(Int(value * 1000))
    }

    /// What is wrong with the settings read from the environment, for the server to refuse to
    /// start with, or nil.
    public var configurationProblem: SampleTokError? {
        guard invalidTrustedProxies.isEmpty else {
            return SampleTokError(.configInvalid, "TRUSTED_PROXIES: \(invalidTrustedProxies.map { "'\($0)'" }.joined(separator: ", ")) is not an address or a network (10.0.0.0/8).")
        }
        return nil
    }

    /// The warning a server listening beyond the machine without `PUBLIC_BASE_URL` gives: the
    /// file URLs of its answers then follow each request's `Host` header, which clients choose.
    public var hostHeaderWarning: String? {
        guard publicBaseURL == nil else { return nil }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare == "localhost" || IPAddress(bare)?.kind == .loopback { return nil }
        return "listening on \(host) without PUBLIC_BASE_URL: the file URLs in answers follow each request's Host header, "
            + "which any client can set. Set PUBLIC_BASE_URL to the address clients use (docs/server.md)."
    }

    /// The origins in `BACKEND_CORS_ORIGINS`: `a,b` or `["a", "b"]`, trailing slashes dropped.
    static func origins(_ text: String) -> [String] {
        text.split { ",[]\"' \n".contains($0) }.map { String($0.hasSuffix("/") ? $0.dropLast() : $0) }.filter { !$0.isEmpty }
    }
}
