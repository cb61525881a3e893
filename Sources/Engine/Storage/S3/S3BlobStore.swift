import Foundation
import Model

/// Blobs as objects in an S3-compatible bucket (AWS S3, R2, GCS, MinIO), each stored with its
/// content type and `Cache-Control: public, max-age=31536000, immutable`. Nothing is local:
/// readers copy a blob down (`copy`) or hand clients a URL (`publicURL`, `presignedURL`).
public struct S3BlobStore: BlobStore {
    /// The client of the bucket.
    public let client: S3Client
    /// The base of direct public URLs (no trailing slash), or nil: the bucket's root, so a
    /// public URL holds the endpoint's key prefix.
    public let publicBaseURL: String?

    /// A store over `client`.
    public init(client: S3Client, publicBaseURL: String? = nil) {
        self.client = client
        self.publicBaseURL = publicBaseURL
    }

    /// The store a configuration describes, or nil for the local folder.
    public init?(_ configuration: StorageConfiguration) {
        guard configuration.kind != .local, let endpoint = configuration.endpoint else { return nil }
        self.init(client: S3Client(endpoint: endpoint, accessKey: configuration.accessKey, secretKey: configuration.secretKey),
                  publicBaseURL: configuration.publicBaseURL)
    }

    public func put(file source: URL, key: BlobKey, contentType: String) async throws -> StoredBlob {
        let bytes = try await client.putFile(key.description, source: source, contentType: contentType,
                                             cacheControl: Self.immutableCacheControl)
        return StoredBlob(key: key, bytes: bytes, contentType: contentType)
    }

    /// Always nil: nothing is local.
    public func localURL(for key: BlobKey) -> URL? { nil }

    public func exists(_ key: BlobKey) async -> Bool {
        (try? await client.head(key.description)) != nil
    }

    /// The object's size and stored headers, or nil when it is missing.
    public func info(_ key: BlobKey) async throws -> S3Object? {
        try await client.head(key.description)
    }

    public func removeAll(under prefix: BlobKey) async throws {
        for object in try await client.list(prefix: prefix.description + "/") {
            try await client.delete(object.key)
        }
        try await client.delete(prefix.description)
    }

    public func remove(_ key: BlobKey) async throws {
        try await client.delete(key.description)
    }

    public func copy(_ key: BlobKey, to destination: URL) async throws {
        try await client.download(key.description, to: destination)
    }

    public func data(_ key: BlobKey) async throws -> Data {
        try await client.get(key.description)
    }

    public func list(prefix: String) async throws -> [ListedBlob] {
        try await client.list(prefix: prefix).map { ListedBlob(key: $0.key, bytes: $0.size) }
    }

    public func publicURL(for key: BlobKey) -> String? {
        publicBaseURL.map { "\($0)/\(client.endpoint.objectKey(key.description))" }
    }

    public func presignedURL(for key: BlobKey, seconds: Int) -> String? {
        client.presignedURL(key.description, expires: seconds)
    }
}
