import Foundation
import Model

/// Where blobs are kept (`STORAGE_TYPE`): the library's local folder (the default), or an
/// S3-compatible bucket: AWS S3 or any S3 endpoint (MinIO, moto), Cloudflare R2, or Google Cloud
/// Storage through its XML API with HMAC keys, at the bucket's root or under a key prefix
/// (`BUCKET/PREFIX`). The seed's variables, plus `S3_PUBLIC_BASE_URL`,
/// `S3_ADDRESSING_STYLE` and `STORAGE_PRESIGN_SECONDS`. What is missing or contradictory is in
/// `problem` (`config.invalid`), for a server or command to refuse to start with.
public struct StorageConfiguration: Sendable {
    /// The kind of store.
    public enum Kind: String, Sendable, CaseIterable {
        case local, s3, r2, gcs
    }

    /// The kind (`STORAGE_TYPE`, default `local`).
    public var kind: Kind
    /// The bucket and its addressing (nil for `local`).
    public var endpoint: S3Endpoint?
    /// The access key id.
    public var accessKey: String
    /// The secret key.
    public var secretKey: String
    /// The base of direct public URLs (`S3_PUBLIC_BASE_URL`, or `https://` + `R2_PUBLIC_DOMAIN`), no
    /// trailing slash: a CDN or a public bucket. Without one, clients get presigned URLs.
    public var publicBaseURL: String?
    /// How long a presigned URL for a free file works, in seconds (`STORAGE_PRESIGN_SECONDS`, default 3600, at most 7 days).
    public var presignSeconds: Int
    /// What is missing or contradictory, or nil.
    public var problem: SampleTokError?

    /// The local folder.
    public static let local = StorageConfiguration(kind: .local, endpoint: nil, accessKey: "", secretKey: "",
                                                   publicBaseURL: nil, presignSeconds: 3600, problem: nil)

    private init(kind: Kind, endpoint: S3Endpoint?, accessKey: String, secretKey: String, publicBaseURL: String?,
                 presignSeconds: Int, problem: SampleTokError?) {
        self.kind = kind
        self.endpoint = endpoint
        self.accessKey = accessKey
        self.secretKey = secretKey
        self.publicBaseURL = publicBaseURL
        self.presignSeconds = presignSeconds
        self.problem = problem
    }

    /// Reads the variables. The bucket variable (`S3_BUCKET_NAME`, `R2_BUCKET_NAME`,
    /// `GCS_BUCKET_NAME`) may name a folder of the bucket too: `BUCKET/PREFIX`.
    public init(environment: [String: String]) {
        self.init(environment: environment, bucketSource: nil)
    }

    /// The bucket `url` names (`s3://BUCKET[/PREFIX]`, `r2://…` or `gcs://…`) with the keys, endpoint
    /// and public base of that kind from `environment` (its `STORAGE_TYPE` and bucket variable
    /// are not read). A URL of another form is a `problem` (`config.invalid`).
    public init(url: String, environment: [String: String]) {
        let parts = url.components(separatedBy: "://")
        guard parts.count == 2, let kind = Kind(rawValue: parts[0].lowercased()), kind != .local else {
            self = .local
            problem = SampleTokError(.configInvalid, "'\(url)' is not a bucket: s3://BUCKET[/PREFIX], r2://BUCKET[/PREFIX] or gcs://BUCKET[/PREFIX].")
            return
        }
        var environment = environment
        environment["STORAGE_TYPE"] = kind.rawValue
        environment[Self.bucketVariable(kind)] = parts[1]
        self.init(environment: environment, bucketSource: url)
    }

    /// The variable that names the bucket of `kind`.
    static func bucketVariable(_ kind: Kind) -> String {
        switch kind {
        case .local, .s3: return "S3_BUCKET_NAME"
        case .r2: return "R2_BUCKET_NAME"
        case .gcs: return "GCS_BUCKET_NAME"
        }
    }

    /// `bucketSource` names where the bucket came from in messages (a URL), else its variable does.
    private init(environment: [String: String], bucketSource: String?) {
        func value(_ name: String) -> String? {
            let text = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            return text.isEmpty ? nil : text
        }
        func invalid(_ message: String) -> SampleTokError { SampleTokError(.configInvalid, message) }

        self = .local
        presignSeconds = min(604_800, max(1, Int(value("STORAGE_PRESIGN_SECONDS") ?? "") ?? 3600))
        let typeText = value("STORAGE_TYPE")?.lowercased() ?? "local"
        guard let kind = Kind(rawValue: typeText) else {
            problem = invalid("STORAGE_TYPE '\(typeText)' is not one of local, s3, r2, gcs.")
            return
        }
        self.kind = kind
        guard kind != .local else { return }

        var missing: [String] = []
        func required(_ name: String) -> String {
            if let text = value(name) { return text }
            missing.append(name)
            return ""
        }
        let location: String
        var defaultEndpoint: String
        let region: String
        switch kind {
        case .local:
            return
        case .s3:
            accessKey = required("AWS_ACCESS_KEY_ID")
            secretKey = required("AWS_SECRET_ACCESS_KEY")
            location = required("S3_BUCKET_NAME")
            region = value("AWS_REGION") ?? value("AWS_DEFAULT_REGION") ?? "us-east-1"
            defaultEndpoint = "https://s3.\(region).amazonaws.com"
        case .r2:
            let account = required("R2_ACCOUNT_ID")
            accessKey = required("R2_ACCESS_KEY_ID")
            secretKey = required("R2_SECRET_ACCESS_KEY")
            location = required("R2_BUCKET_NAME")
            region = "auto"
            defaultEndpoint = "https://\(account).r2.cloudflarestorage.com"
        case .gcs:
            accessKey = required("GCS_HMAC_ACCESS_ID")
            secretKey = required("GCS_HMAC_SECRET")
            location = required("GCS_BUCKET_NAME")
            region = "auto"
            defaultEndpoint = "https://storage.googleapis.com"
        }
        guard missing.isEmpty else {
            let what = bucketSource.map { "\($0) needs the variables" } ?? "STORAGE_TYPE=\(kind.rawValue) needs"
            problem = invalid("\(what) \(missing.joined(separator: ", ")).")
            return
        }
        let source = bucketSource ?? Self.bucketVariable(kind)
        let (bucket, prefix) = Self.split(location)
        if let prefix, (try? BlobKey(prefix)) == nil {
            problem = invalid("The key prefix '\(prefix)' of '\(location)' (\(source)) is not valid: BUCKET/PREFIX with the prefix made of "
                                  + "folders of letters, digits, '-', '_' or '.' (never '.' or '..', no empty one), e.g. my-bucket/sampletok/prod.")
            return
        }
        if let custom = value("S3_ENDPOINT_URL") { defaultEndpoint = custom }
        let custom = value("S3_ENDPOINT_URL") != nil
        // AWS's own endpoint: virtual-hosted; any other: path-style (MinIO, R2, moto, GCS).
        var pathStyle = kind != .s3 || custom
        switch value("S3_ADDRESSING_STYLE")?.lowercased() {
        case nil, "auto": break
        case "path": pathStyle = true
        case "virtual": pathStyle = false
        case let other?:
            problem = invalid("S3_ADDRESSING_STYLE '\(other)' is not one of path, virtual, auto.")
            return
        }
        guard let endpoint = S3Endpoint(url: defaultEndpoint, bucket: bucket, region: region, pathStyle: pathStyle, prefix: prefix ?? "") else {
            problem = invalid("S3_ENDPOINT_URL '\(defaultEndpoint)' is not an http(s) URL with a host and no path (e.g. http://127.0.0.1:9000).")
            return
        }
        guard bucket.count >= 3, bucket.count <= 63,
              bucket.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == ".") }) else {
            problem = invalid("The bucket name '\(bucket)' (\(source)) is not valid: 3 to 63 lower-case letters, digits, '-' or '.', "
                                  + "optionally followed by /PREFIX.")
            return
        }
        self.endpoint = endpoint

        let r2Domain = value("R2_PUBLIC_DOMAIN")
        let base = value("S3_PUBLIC_BASE_URL")
        if r2Domain != nil && kind != .r2 {
            problem = invalid("R2_PUBLIC_DOMAIN is set but STORAGE_TYPE is \(kind.rawValue): use S3_PUBLIC_BASE_URL for a public base of another store.")
            return
        }
        let domainBase = r2Domain.map { $0.contains("://") ? $0 : "https://\($0)" }
        if let domainBase, let base, Self.trimmed(domainBase) != Self.trimmed(base) {
            problem = invalid("R2_PUBLIC_DOMAIN (\(domainBase)) and S3_PUBLIC_BASE_URL (\(base)) disagree: set one.")
            return
        }
        if let chosen = base ?? domainBase {
            guard let url = URLComponents(string: chosen), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
                  url.host?.isEmpty == false, url.query == nil else {
                problem = invalid("The public base URL '\(chosen)' is not an http(s) URL (e.g. https://cdn.example.com or https://pub-….r2.dev).")
                return
            }
            publicBaseURL = Self.trimmed(chosen)
        }
    }

    /// `BUCKET` or `BUCKET/PREFIX` apart; a trailing `/` is dropped, and an empty prefix is none.
    private static func split(_ location: String) -> (bucket: String, prefix: String?) {
        guard let slash = location.firstIndex(of: "/") else { return (location, nil) }
        var prefix = String(location[location.index(after: slash)...])
        while prefix.hasSuffix("/") { prefix.removeLast() }
        return (String(location[..<slash]), prefix.isEmpty ? nil : prefix)
    }

    private static func trimmed(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
