import Foundation

/// The throwaway S3 server of the tests (moto): `scripts/s3-test.sh start` runs it and
/// `make test` hands its URL over as `SAMPLETOK_TEST_S3_URL`. Each test makes a bucket of its own.
public enum TestS3 {
    /// The server's URL, or nil when no test server runs.
    public static var serverURL: String? {
        ProcessInfo.processInfo.environment["SAMPLETOK_TEST_S3_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether suites run their S3 cases: a server is there, or `REQUIRE_E2E=1` says they must
    /// run (and then fail without one, instead of being skipped).
    public static var runs: Bool { EndToEnd.runs(serverURL != nil) }

    /// The server's URL, or an error that says how to start one.
    public static func requireURL() throws -> String {
        guard let url = serverURL else {
            throw TestS3Error(description: """
                No S3 test server: run `scripts/s3-test.sh start` and set SAMPLETOK_TEST_S3_URL to the URL \
                it prints (`make test` does both).
                """)
        }
        return url
    }

    /// A new bucket name (moto accepts any keys; it needs a bucket to exist first).
    public static func freshBucketName() -> String {
        "t-" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
    }

    /// The environment that points a library or a server at `bucket` on the test server.
    public static func environment(bucket: String) throws -> [String: String] {
        ["STORAGE_TYPE": "s3", "S3_ENDPOINT_URL": try requireURL(), "S3_BUCKET_NAME": bucket,
         "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_REGION": "us-east-1"]
    }
}

/// The S3 test server is missing.
public struct TestS3Error: Error, CustomStringConvertible {
    public let description: String

    /// An error that says `description`.
    public init(description: String) { self.description = description }
}
