import Foundation
import Model

/// Where blobs are kept (`STORAGE_TYPE`): the library's local folder (the default), or an
/// S3-compatible bucket: AWS S3 or any S3 endpoint (MinIO, moto), Cloudflare R2, or Google Cloud
/// Storage through its XML API with HMAC keys. The seed's variables, plus `S3_PUBLIC_BASE_URL`,
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

    /// Reads the variables.
    public init(environment: [String: String]) {
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
        let bucket: String
        var defaultEndpoint: String
        let region: String
        switch kind {
        case .local:
            return
        case .s3:
            accessKey = required("AWS_ACCESS_KEY_ID")
            secretKey = required("AWS_SECRET_ACCESS_KEY")
            bucket = required("S3_BUCKET_NAME")
            region = value("AWS_REGION") ?? value("AWS_DEFAULT_REGION") ?? "us-east-1"
            defaultEndpoint = "https://s3.\(region).amazonaws.com"
        case .r2:
            let account = required("R2_ACCOUNT_ID")
            accessKey = required("R2_ACCESS_KEY_ID")
            secretKey = required("R2_SECRET_ACCESS_KEY")
            bucket = required("R2_BUCKET_NAME")
            region = "auto"
            defaultEndpoint = "https://\(account).r2.cloudflarestorage.com"
        case .gcs:
            accessKey = required("GCS_HMAC_ACCESS_ID")
            secretKey = required("GCS_HMAC_SECRET")
            bucket = required("GCS_BUCKET_NAME")
            region = "auto"
            defaultEndpoint = "https://storage.googleapis.com"
        }
        guard missing.isEmpty else {
            problem = invalid("STORAGE_TYPE=\(kind.rawValue) needs \(missing.joined(separator: ", ")).")
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
        guard let endpoint = S3Endpoint(url: defaultEndpoint, bucket: bucket, region: region, pathStyle: pathStyle) else {
            problem = invalid("S3_ENDPOINT_URL '\(defaultEndpoint)' is not an http(s) URL with a host and no path (e.g. http://127.0.0.1:9000).")
            return
        }
        guard bucket.count >= 3, bucket.count <= 63,
              bucket.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == ".") }) else {
            problem = invalid("The bucket name '\(bucket)' is not valid: 3 to 63 lower-case letters, digits, '-' or '.'.")
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

    private static func trimmed(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
