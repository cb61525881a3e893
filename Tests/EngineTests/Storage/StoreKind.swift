import Engine
import Foundation
import Testing
import TestSupport

/// The blob stores a suite runs on: the local folder always, S3 (moto) when the test server runs
/// (or must: `REQUIRE_E2E=1`), at a bucket's root and under a key prefix.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case local, s3
    /// S3 under the prefix `lib/one` of a bucket whose root holds a neighbour's object
    /// (`StoreKind.neighbour`), which the store must never list, count or remove.
    case s3Prefix = "s3 under a prefix"

    /// The stores to run on here.
    static var tested: [StoreKind] { TestS3.runs ? [.local, .s3, .s3Prefix] : [.local] }

    /// The key prefix of `s3Prefix`.
    static let prefix = "lib/one"
    /// The object beside the prefix, at the bucket's root, that `s3Prefix` stores never see: a
    /// sample's file as another library at the root would have it.
    static let neighbour = "samples/00000000-0000-0000-0000-000000000001/audio.wav"

    var testDescription: String { rawValue }

    /// A new empty store of this kind (S3: a new bucket on the test server).
    func make(_ scratch: Scratch, multipartThreshold: Int = 16 << 20) async throws -> any BlobStore {
        switch self {
        case .local:
            return try LocalBlobStore(root: scratch.url.appendingPathComponent("blobs"), staging: scratch.url.appendingPathComponent("staging"))
        case .s3, .s3Prefix:
            let bucket = try await makeBucket()
            return S3BlobStore(client: try Self.client(bucket: bucket, prefix: self == .s3Prefix ? Self.prefix : "",
                                                       multipartThreshold: multipartThreshold))
        }
    }

    /// A new bucket on the test server; for `s3Prefix` with the neighbour at its root.
    func makeBucket() async throws -> String {
        let bucket = TestS3.freshBucketName()
        let root = try Self.client(bucket: bucket)
        try await root.createBucket()
        if self == .s3Prefix {
            try await root.put(Self.neighbour, body: Data("the neighbour's".utf8), contentType: "audio/wav", cacheControl: nil)
        }
        return bucket
    }

    /// A client of `bucket` (under `prefix`) on the test server.
    static func client(bucket: String, prefix: String = "", multipartThreshold: Int = 16 << 20) throws -> S3Client {
        guard let endpoint = S3Endpoint(url: try TestS3.requireURL(), bucket: bucket, region: "us-east-1", pathStyle: true, prefix: prefix) else {
            throw TestS3Error(description: "SAMPLETOK_TEST_S3_URL is not a URL")
        }
        return S3Client(endpoint: endpoint, accessKey: "test", secretKey: "test", multipartThreshold: multipartThreshold)
    }

    /// Points `configuration` at a new bucket of the test server (S3; `s3Prefix` through
    /// `S3_BUCKET_NAME=BUCKET/PREFIX`), or leaves the folder (local).
    func configure(_ configuration: inout EngineConfiguration) async throws {
        guard self != .local else { return }
        let bucket = try await makeBucket()
        let location = self == .s3Prefix ? "\(bucket)/\(Self.prefix)" : bucket
        configuration.storage = StorageConfiguration(environment: try TestS3.environment(bucket: location))
    }

    /// Throws when the neighbour of an `s3Prefix` store's bucket is gone or changed.
    func checkNeighbour(of store: any BlobStore) async throws {
        guard self == .s3Prefix, let bucket = (store as? S3BlobStore)?.client.endpoint.bucket else { return }
        let data = try await Self.client(bucket: bucket).get(Self.neighbour)
        #expect(data == Data("the neighbour's".utf8), "the object beside the prefix is untouched")
    }
}
