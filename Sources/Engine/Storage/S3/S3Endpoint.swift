import Foundation

/// Where a bucket is and how it is addressed: the service's base URL, the bucket, the region the
/// requests are signed for, path-style (`https://host/bucket/key`: MinIO, R2, moto, any custom
/// endpoint) or virtual-hosted (`https://bucket.host/key`: AWS's default), and the key prefix under
/// which SampleTok keeps its objects (`s3://bucket/prefix`: several libraries in one bucket).
public struct S3Endpoint: Sendable, Hashable {
    /// `http` or `https`.
    public var scheme: String
    /// The service's host, without the bucket (`s3.eu-west-1.amazonaws.com`, `127.0.0.1`).
    public var host: String
    /// The port, when not the scheme's default.
    public var port: Int?
    /// The bucket.
    public var bucket: String
    /// The region of the signatures (`auto` for R2 and GCS).
    public var region: String
    /// Whether the bucket is the first path segment (else it is the first label of the host).
    public var pathStyle: Bool
    /// The folder of the bucket SampleTok's objects live under (`sampletok/prod`), without a
    /// leading or trailing `/`; empty for the bucket's root. Keys given to `S3Client` are relative
    /// to it, and its listings give them back relative to it.
    public var prefix: String

    /// An endpoint (`prefix` trimmed of slashes at its ends).
    public init(scheme: String, host: String, port: Int? = nil, bucket: String, region: String, pathStyle: Bool, prefix: String = "") {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.bucket = bucket
        self.region = region
        self.pathStyle = pathStyle
        self.prefix = prefix.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
    }

    /// The endpoint of `url` (`http://127.0.0.1:9000`, `https://acct.r2.cloudflarestorage.com`),
    /// or nil when it is not an http(s) URL with a host and no path, query or user.
    public init?(url: String, bucket: String, region: String, pathStyle: Bool, prefix: String = "") {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty,
              components.path.isEmpty || components.path == "/", components.query == nil, components.user == nil
        else { return nil }
        self.init(scheme: scheme, host: host, port: components.port, bucket: bucket, region: region, pathStyle: pathStyle, prefix: prefix)
    }

    /// AWS S3 in `region`, virtual-hosted.
    public static func aws(bucket: String, region: String, prefix: String = "") -> S3Endpoint {
        S3Endpoint(scheme: "https", host: "s3.\(region).amazonaws.com", bucket: bucket, region: region, pathStyle: false, prefix: prefix)
    }

    /// The key in the bucket of `key` (relative to `prefix`); for "" the prefix as a folder
    /// (`prefix/`), or "" at the root: what a listing of everything asks for.
    public func objectKey(_ key: String) -> String {
        prefix.isEmpty ? key : prefix + "/" + key
    }

    /// `objectKey` undone: the key relative to `prefix` of a key in the bucket, or nil when it is
    /// not under the prefix.
    public func relativeKey(_ objectKey: String) -> String? {
        guard !prefix.isEmpty else { return objectKey }
        let folder = prefix + "/"
        return objectKey.hasPrefix(folder) ? String(objectKey.dropFirst(folder.count)) : nil
    }

    /// The `Host` header of a request (curl sends the port when it is not the default).
    public var hostHeader: String {
        let name = pathStyle ? host : "\(bucket).\(host)"
        let bracketed = name.contains(":") ? "[\(name)]" : name
        guard let port, !(scheme == "http" && port == 80), !(scheme == "https" && port == 443) else { return bracketed }
        return "\(bracketed):\(port)"
    }

    /// The path of an object (not encoded), `key` being relative to `prefix`; the bucket's own
    /// path for an empty key.
    public func path(_ key: String) -> String {
        if key.isEmpty { return pathStyle ? "/\(bucket)" : "/" }
        return pathStyle ? "/\(bucket)/\(objectKey(key))" : "/\(objectKey(key))"
    }

    /// The URL of `path` with an already encoded query.
    public func url(path: String, query: String = "") -> String {
        "\(scheme)://\(hostHeader)\(SigV4Signer.canonicalPath(path))\(query.isEmpty ? "" : "?" + query)"
    }
}
