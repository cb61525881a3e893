import Foundation
import Model
import Net
import Resolvers

/// Where the library lives and how its workers behave. Flags override environment variables,
/// which override these defaults.
public struct EngineConfiguration: Sendable {
    /// The library folder: database, blobs, temporary files (`$SAMPLETOK_HOME`, else
    /// `$XDG_DATA_HOME/sampletok`, else `~/.local/share/sampletok`).
    public var home: URL
    /// Pipeline workers (default: the number of cores).
    public var workers: Int
    /// Tries per job before it fails for good.
    public var maxAttempts: Int
    /// The first retry's delay in seconds; each later one doubles, with jitter.
    public var retryBaseDelay: Double
    /// How long a worker's claim on a job lasts without renewal, in seconds (`SAMPLETOK_LEASE_SECONDS`,
    /// 3–600, default 30): how soon another node takes over the jobs of a node that died.
    public var leaseSeconds: Double
    /// The longest media accepted, in seconds.
    public var maxDuration: Double
    /// The largest download accepted, in bytes.
    public var maxDownloadBytes: Int64
    /// Whether local paths may be submitted (true in local mode; a server refuses them).
    public var allowLocalFiles: Bool
    /// Whether URLs that resolve to private addresses may be fetched (tests with a local server).
    public var allowPrivateURLs: Bool
    /// Non-public addresses a server may fetch from all the same (`ALLOWED_PRIVATE_ADDRESSES`:
    /// comma-separated `10.0.0.0/8`, `10.0.0.5:9000`, `[fd00::1]:443`): an operator's own media
    /// host or gateway. Entries that do not parse are refused at start (see `invalidAllowedAddresses`).
    public var allowedPrivateAddresses: [AllowedEndpoint]
    /// The entries of `ALLOWED_PRIVATE_ADDRESSES` that are not addresses, networks or `address:port`.
    public var invalidAllowedAddresses: [String]
    /// The PostgreSQL database the library lives in (`DATABASE_URL`, see `PostgresURL`); nil
    /// (the variable unset or empty): SQLite in `home`.
    public var databaseURL: String?
    /// Where blobs are kept (`STORAGE_TYPE` and its variables; default: `blobsFolder`).
    public var storage: StorageConfiguration
    /// How long a SQLite statement waits for another process that holds the library's
    /// database (an import beside the app, two apps) before it fails with `library.busy`, in
    /// seconds (`SAMPLETOK_BUSY_TIMEOUT`, default 5).
    public var busyTimeout: Double
    /// The credits the local user of an embedded library starts with (`SAMPLETOK_LOCAL_CREDITS`, default 100).
    public var localCredits: Int
    /// The resolvers' keys, API base URLs and tools.
    public var sources: SourcesConfiguration
    /// Credits one collection item costs (`COLLECTION_ITEM_CREDITS`, default 1; 0 makes collections free).
    public var collectionItemCredits: Int
    /// The most items one collection may have (`MAX_COLLECTION_ITEMS`, default 100).
    public var maxCollectionItems: Int
    /// The Instagram mention feature (its variables; off while any is unset).
    public var instagram: InstagramConfiguration
    /// The LALAL.AI license key (`LALAL_API_KEY`); without it the `lalal` stem provider is off.
    public var lalalAPIKey: String?
    /// The base of LALAL.AI's v1 API (`LALAL_API_BASE_URL`, default `https://www.lalal.ai/api/v1/`),
    /// so a proxy, a gateway or a test fake can stand in.
    public var lalalBaseURL: String
    /// How long a stem provider may work on one stem before it fails with `stems.timeout`, in
    /// seconds (`SAMPLETOK_STEM_TIMEOUT`, default 600).
    public var stemTimeout: Double
    /// How long a creator's cached profile is used before it is fetched again (default 7 days).
    public var creatorMaxAge: TimeInterval
    /// The time now: what the creator cache's age is measured with (tests move it).
    public var clock: @Sendable () -> Date

    /// Credits a requested stem costs (charged when the request is accepted).
    public var stemCost: Int
    /// Credits the first download of a stem by a user costs.
    public var stemDownloadCost: Int
    /// The most stems one request may ask for (`MAX_STEMS_PER_REQUEST`, default 5).
    public var maxStemsPerRequest: Int

    /// Creates a configuration from the environment.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        home = Self.defaultHome(environment)
        workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        maxAttempts = 4
        retryBaseDelay = Double(environment["SAMPLETOK_RETRY_BASE_DELAY"] ?? "") ?? 2
        leaseSeconds = min(600, max(3, Double(environment["SAMPLETOK_LEASE_SECONDS"] ?? "") ?? 30))
        maxDuration = Double(environment["SAMPLETOK_MAX_DURATION"] ?? "") ?? 15 * 60
        maxDownloadBytes = Int64(environment["SAMPLETOK_MAX_DOWNLOAD_BYTES"] ?? "") ?? 300_000_000
        allowLocalFiles = true
        allowPrivateURLs = environment["ALLOW_PRIVATE_URLS"] == "1"
        (allowedPrivateAddresses, invalidAllowedAddresses) = AllowedEndpoint.list(environment["ALLOWED_PRIVATE_ADDRESSES"] ?? "")
        databaseURL = environment["DATABASE_URL"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        storage = StorageConfiguration(environment: environment)
        busyTimeout = min(3600, max(0, Double(environment["SAMPLETOK_BUSY_TIMEOUT"] ?? "") ?? 5))
        localCredits = min(1_000_000, max(0, Int(environment["SAMPLETOK_LOCAL_CREDITS"] ?? "") ?? 100))
        sources = SourcesConfiguration(environment: environment)
        collectionItemCredits = min(1000, max(0, Int(environment["COLLECTION_ITEM_CREDITS"] ?? "") ?? 1))
        maxCollectionItems = min(1000, max(1, Int(environment["MAX_COLLECTION_ITEMS"] ?? "") ?? 100))
        instagram = InstagramConfiguration(environment: environment)
        let key = environment["LALAL_API_KEY"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        lalalAPIKey = key.isEmpty ? nil : key
        let base = environment["LALAL_API_BASE_URL"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        lalalBaseURL = base.isEmpty ? Self.lalalDefaultBaseURL : base
        stemTimeout = max(1, Double(environment["SAMPLETOK_STEM_TIMEOUT"] ?? "") ?? 600)
        creatorMaxAge = 7 * 24 * 3600
        clock = { Date() }
        stemCost = 2
        stemDownloadCost = 1
        maxStemsPerRequest = min(StemType.allCases.count, max(1, Int(environment["MAX_STEMS_PER_REQUEST"] ?? "") ?? 5))
    }

    /// LALAL.AI's v1 API.
    public static let lalalDefaultBaseURL = "https://www.lalal.ai/api/v1/"

    /// The default library folder for an environment.
    public static func defaultHome(_ environment: [String: String]) -> URL {
        if let home = environment["SAMPLETOK_HOME"], !home.isEmpty { return URL(fileURLWithPath: home) }
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty {
            return URL(fileURLWithPath: data).appendingPathComponent("sampletok")
        }
        let user = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: user).appendingPathComponent(".local/share/sampletok")
    }

    /// Which addresses the URLs users give may lead to: any in local mode or when
    /// `allowPrivateURLs`, else public ones and `allowedPrivateAddresses` only (SSRF). Media URLs
    /// that providers answer (TikTok's `play`, Instagram's `video_versions`, the Graph API's
    /// `media_url`, yt-dlp's format URL) are fetched under the same policy.
    public var userURLPolicy: AddressPolicy {
        allowLocalFiles || allowPrivateURLs ? .any : .publicOnly(allowing: allowedPrivateAddresses)
    }

    /// What is wrong with the settings read from the environment, for a server to refuse to
    /// start with (an allow-list entry that is not an address), or nil.
    public var configurationProblem: SampleTokError? {
        if let databaseURL {
            do { _ = try PostgresURL(databaseURL) } catch let error as SampleTokError { return error } catch {}
        }
        if let problem = storage.problem { return problem }
        guard invalidAllowedAddresses.isEmpty else {
            return SampleTokError(.configInvalid, "ALLOWED_PRIVATE_ADDRESSES: \(invalidAllowedAddresses.map { "'\($0)'" }.joined(separator: ", ")) is not an address, a network (10.0.0.0/8) or address:port (10.0.0.5:9000, [fd00::1]:443).")
        }
        return nil
    }

    /// The SQLite database file (used when `databaseURL` is nil).
    public var databasePath: String { home.appendingPathComponent("library.sqlite").path }
    /// The blob folder.
    public var blobsFolder: URL { home.appendingPathComponent("blobs", isDirectory: true) }
    /// The temporary folder (job work folders, blob staging).
    public var temporaryFolder: URL { home.appendingPathComponent("tmp", isDirectory: true) }
}
