import Engine
import Foundation
import Testing
import TestSupport

/// The blob stores a suite runs on: the local folder always, S3 (moto) when the test server runs
/// (or must: `REQUIRE_E2E=1`).
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case local, s3

    /// The stores to run on here.
    static var tested: [StoreKind] { TestS3.runs ? [.local, .s3] : [.local] }

    var testDescription: String { rawValue }

    /// A new empty store of this kind (S3: a new bucket on the test server).
    func make(_ scratch: Scratch, multipartThreshold: Int = 16 << 20) async throws -> any BlobStore {
        switch self {
        case .local:
            return try LocalBlobStore(root: scratch.url.appendingPathComponent("blobs"), staging: scratch.url.appendingPathComponent("staging"))
        case .s3:
            let client = try Self.client(bucket: TestS3.freshBucketName(), multipartThreshold: multipartThreshold)
            try await client.createBucket()
            return S3BlobStore(client: client)
        }
    }

    /// A client of `bucket` on the test server.
    static func client(bucket: String, multipartThreshold: Int = 16 << 20) throws -> S3Client {
        guard let endpoint = S3Endpoint(url: try TestS3.requireURL(), bucket: bucket, region: "us-east-1", pathStyle: true) else {
            throw TestS3Error(description: "SAMPLETOK_TEST_S3_URL is not a URL")
        }
        return S3Client(endpoint: endpoint, accessKey: "test", secretKey: "test", multipartThreshold: multipartThreshold)
    }

    /// Points `configuration` at a new bucket of the test server (S3), or leaves the folder (local).
    func configure(_ configuration: inout EngineConfiguration) async throws {
        guard self == .s3 else { return }
        let bucket = TestS3.freshBucketName()
        try await Self.client(bucket: bucket).createBucket()
        configuration.storage = StorageConfiguration(environment: try TestS3.environment(bucket: bucket))
    }
}
