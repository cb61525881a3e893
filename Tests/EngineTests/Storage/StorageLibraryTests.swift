import Engine
import Foundation
import Model
import Testing
import TestSupport

/// A library whose blobs are in a bucket (or its folder): import, export, delete, storage-check.
@Suite("library storage: local folder and S3")
struct StorageLibraryTests {
    @Test("an imported sample's files are in the store; export reads them back; delete leaves nothing", arguments: StoreKind.tested)
    func importExportDelete(kind: StoreKind) async throws {
        let scratch = Scratch("storage-library")
        var probe = EngineConfiguration(environment: [:])
        try await kind.configure(&probe)
        let storage = probe.storage
        let t = try await TestLibrary { $0.storage = storage }
        let tone = try t.tone("loop.wav", seconds: 2)
        _ = try await t.library.samples.importFiles([tone])
        try await t.drain()
        let sample = try #require(try await t.library.samples.list(SampleQuery()).items.first)
        #expect(sample.status == .completed)
        let files = try #require(sample.files)
        #expect(files.all.count >= 6)
        for file in files.all { #expect(await t.library.blobs.exists(try BlobKey(file.key)), "\(file.key)") }
        #expect((kind == .local) == (t.library.blobs.localURL(for: try BlobKey(try #require(files.wav).key)) != nil))
        #expect(try await t.library.assets.peaks(of: .sample(sample.id)).count > 0)

        let clean = try await t.library.storage.check(fix: false)
        #expect(clean.orphans.isEmpty && clean.missing.isEmpty)
        #expect(clean.objects == files.all.count)

        let exported = try await t.library.assets.export(.sample(sample.id), format: .wav, to: scratch.url.appendingPathComponent("out"))
        #expect(try Data(contentsOf: exported).count == files.wav?.bytes)

        try await t.library.samples.delete(sample.id)
        #expect(try await t.library.blobs.list(prefix: "").isEmpty)
        try await kind.checkNeighbour(of: t.library.blobs)
    }

    @Test("a job that fails for good removes what it had stored (an earlier try's uploads)", arguments: StoreKind.tested)
    func failedJobLeavesNothing(kind: StoreKind) async throws {
        var probe = EngineConfiguration(environment: [:])
        try await kind.configure(&probe)
        let storage = probe.storage
        let t = try await TestLibrary { $0.storage = storage }
        let corrupt = t.scratch.path("broken.wav")
        try Data("RIFF but not really a wave file at all".utf8).write(to: URL(fileURLWithPath: corrupt))
        let outcome = try await t.library.samples.submit(corrupt)
        let id = outcome.sample.id
        // What a try that got as far as `store` would have left.
        let partial = t.scratch.url.appendingPathComponent("partial.wav")
        try Data(repeating: 1, count: 1000).write(to: partial)
        _ = try await t.library.blobs.put(file: partial, key: try BlobKey(BlobKey.sampleFolder(id).description + "/audio.wav"), contentType: "audio/wav")
        try await t.drain()
        #expect(try await t.library.samples.sample(id).status == .failed)
        #expect(try await t.library.blobs.list(prefix: BlobKey.sampleFolder(id).description + "/").isEmpty)
        #expect(try await t.library.storage.check(fix: false).orphans.isEmpty)
    }

    @Test("storage-check lists objects no row points to and files rows name that are missing; --fix removes the orphans only", arguments: StoreKind.tested)
    func storageCheck(kind: StoreKind) async throws {
        var probe = EngineConfiguration(environment: [:])
        try await kind.configure(&probe)
        let storage = probe.storage
        let t = try await TestLibrary { $0.storage = storage }
        _ = try await t.library.samples.importFiles([try t.tone("a.wav")])
        try await t.drain()
        let sample = try #require(try await t.library.samples.list(SampleQuery()).items.first)
        let stray = t.scratch.url.appendingPathComponent("stray.bin")
        try Data("left by a crash".utf8).write(to: stray)
        let orphan = try BlobKey("samples/\(UUID().uuidString.lowercased())/audio.wav")
        _ = try await t.library.blobs.put(file: stray, key: orphan, contentType: "audio/wav")
        let mp3 = try BlobKey(try #require(sample.files?.mp3).key)
        try await t.library.blobs.remove(mp3)

        let found = try await t.library.storage.check(fix: false)
        #expect(found.orphans.map(\.key) == [orphan.description])
        #expect(found.missing.map(\.key) == [mp3.description])
        #expect(found.missing.first?.id == sample.id.uuidString.lowercased())
        #expect(await t.library.blobs.exists(orphan), "without --fix nothing is removed")

        let fixed = try await t.library.storage.check(fix: true)
        #expect(fixed.removed == 1)
        #expect(await t.library.blobs.exists(orphan) == false)
        #expect(await t.library.blobs.exists(try BlobKey(try #require(sample.files?.wav).key)), "referenced files stay")
        let after = try await t.library.storage.check(fix: false)
        #expect(after.orphans.isEmpty)
        #expect(after.missing.map(\.key) == [mp3.description])
        try await kind.checkNeighbour(of: t.library.blobs)
    }
}

@Suite("storage configuration from the environment")
struct StorageConfigurationTests {
    @Test("no STORAGE_TYPE: the local folder")
    func local() {
        let configuration = StorageConfiguration(environment: ["AWS_ACCESS_KEY_ID": "x"])
        #expect(configuration.kind == .local)
        #expect(configuration.problem == nil)
        #expect(EngineConfiguration(environment: [:]).storage.kind == .local)
    }

    @Test("AWS S3: virtual-hosted in its region; a custom endpoint: path-style")
    func s3() throws {
        let base = ["STORAGE_TYPE": "s3", "AWS_ACCESS_KEY_ID": "AK", "AWS_SECRET_ACCESS_KEY": "SK", "S3_BUCKET_NAME": "my-bucket", "AWS_REGION": "eu-west-1"]
        let aws = StorageConfiguration(environment: base)
        #expect(aws.problem == nil)
        #expect(aws.endpoint == S3Endpoint.aws(bucket: "my-bucket", region: "eu-west-1"))
        var custom = base
        custom["S3_ENDPOINT_URL"] = "http://127.0.0.1:9000"
        let minio = StorageConfiguration(environment: custom)
        #expect(minio.endpoint?.pathStyle == true)
        #expect(minio.endpoint?.hostHeader == "127.0.0.1:9000")
        custom["S3_ADDRESSING_STYLE"] = "virtual"
        #expect(StorageConfiguration(environment: custom).endpoint?.pathStyle == false)
        custom["S3_PUBLIC_BASE_URL"] = "https://cdn.example.com/"
        #expect(StorageConfiguration(environment: custom).publicBaseURL == "https://cdn.example.com")
    }

    @Test("R2: the account's endpoint, region auto, path-style, R2_PUBLIC_DOMAIN as the public base")
    func r2() {
        let configuration = StorageConfiguration(environment: [
            "STORAGE_TYPE": "r2", "R2_ACCOUNT_ID": "acct", "R2_ACCESS_KEY_ID": "AK", "R2_SECRET_ACCESS_KEY": "SK",
            "R2_BUCKET_NAME": "samples", "R2_PUBLIC_DOMAIN": "media.example.com",
        ])
        #expect(configuration.problem == nil)
        #expect(configuration.endpoint == S3Endpoint(scheme: "https", host: "acct.r2.cloudflarestorage.com", bucket: "samples", region: "auto", pathStyle: true))
        #expect(configuration.publicBaseURL == "https://media.example.com")
        #expect(configuration.accessKey == "AK")
    }

    @Test("GCS: the XML API with HMAC keys")
    func gcs() {
        let configuration = StorageConfiguration(environment: [
            "STORAGE_TYPE": "gcs", "GCS_BUCKET_NAME": "samples", "GCS_HMAC_ACCESS_ID": "GOOG1", "GCS_HMAC_SECRET": "secret",
        ])
        #expect(configuration.problem == nil)
        #expect(configuration.endpoint == S3Endpoint(scheme: "https", host: "storage.googleapis.com", bucket: "samples", region: "auto", pathStyle: true))
    }

    @Test("a bucket variable may name a folder of the bucket: BUCKET/PREFIX, for every kind")
    func prefix() throws {
        let aws = StorageConfiguration(environment: ["STORAGE_TYPE": "s3", "AWS_ACCESS_KEY_ID": "AK", "AWS_SECRET_ACCESS_KEY": "SK",
                                                     "S3_BUCKET_NAME": "my-bucket/sampletok/prod/"])
        #expect(aws.problem == nil)
        #expect(aws.endpoint == S3Endpoint.aws(bucket: "my-bucket", region: "us-east-1", prefix: "sampletok/prod"))
        #expect(aws.endpoint?.url(path: aws.endpoint?.path("samples/a/audio.wav") ?? "")
                == "https://my-bucket.s3.us-east-1.amazonaws.com/sampletok/prod/samples/a/audio.wav")
        let r2 = StorageConfiguration(environment: ["STORAGE_TYPE": "r2", "R2_ACCOUNT_ID": "acct", "R2_ACCESS_KEY_ID": "AK",
                                                    "R2_SECRET_ACCESS_KEY": "SK", "R2_BUCKET_NAME": "samples/crew"])
        #expect(r2.endpoint?.bucket == "samples" && r2.endpoint?.prefix == "crew")
        let gcs = StorageConfiguration(environment: ["STORAGE_TYPE": "gcs", "GCS_BUCKET_NAME": "samples/", "GCS_HMAC_ACCESS_ID": "GOOG1",
                                                     "GCS_HMAC_SECRET": "secret"])
        #expect(gcs.problem == nil && gcs.endpoint?.prefix == "", "a trailing slash is the root")
    }

    @Test("a storage URL names the kind, the bucket and a prefix, with the keys from the environment")
    func url() throws {
        let keys = ["AWS_ACCESS_KEY_ID": "AK", "AWS_SECRET_ACCESS_KEY": "SK", "S3_ENDPOINT_URL": "http://127.0.0.1:9000",
                    "STORAGE_TYPE": "local", "S3_BUCKET_NAME": "ignored"]
        let s3 = StorageConfiguration(url: "s3://media/lib/a", environment: keys)
        #expect(s3.problem == nil)
        #expect(s3.kind == .s3)
        #expect(s3.endpoint == S3Endpoint(scheme: "http", host: "127.0.0.1", port: 9000, bucket: "media", region: "us-east-1", pathStyle: true,
                                          prefix: "lib/a"))
        let r2 = StorageConfiguration(url: "r2://samples", environment: ["R2_ACCOUNT_ID": "acct", "R2_ACCESS_KEY_ID": "AK", "R2_SECRET_ACCESS_KEY": "SK"])
        #expect(r2.kind == .r2 && r2.endpoint?.bucket == "samples" && r2.endpoint?.prefix == "")
        for bad in ["media", "ftp://media", "local://x", "s3://Media/x"] {
            let problem = StorageConfiguration(url: bad, environment: keys).problem
            #expect(problem?.code == "config.invalid", "\(bad)")
            #expect(problem?.message.contains(bad) == true, "the message names what was given: \(problem?.message ?? "none")")
        }
        #expect(StorageConfiguration(url: "s3://media/a/../b", environment: keys).problem?.message.contains("key prefix") == true)
        #expect(StorageConfiguration(url: "gcs://samples/x", environment: [:]).problem?.message
                == "gcs://samples/x needs the variables GCS_HMAC_ACCESS_ID, GCS_HMAC_SECRET.")
    }

    @Test("missing and contradictory variables are config.invalid, named", arguments: [
        (["STORAGE_TYPE": "s3"], "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, S3_BUCKET_NAME"),
        (["STORAGE_TYPE": "r2", "R2_ACCOUNT_ID": "a", "R2_ACCESS_KEY_ID": "k"], "R2_SECRET_ACCESS_KEY, R2_BUCKET_NAME"),
        (["STORAGE_TYPE": "gcs"], "GCS_HMAC_ACCESS_ID"),
        (["STORAGE_TYPE": "azure"], "not one of local, s3, r2, gcs"),
        (["STORAGE_TYPE": "s3", "AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b", "S3_BUCKET_NAME": "bkt", "R2_PUBLIC_DOMAIN": "x.dev"], "R2_PUBLIC_DOMAIN"),
        (["STORAGE_TYPE": "s3", "AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b", "S3_BUCKET_NAME": "bkt", "S3_ENDPOINT_URL": "minio:9000"], "S3_ENDPOINT_URL"),
        (["STORAGE_TYPE": "s3", "AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b", "S3_BUCKET_NAME": "Bad_Bucket"], "bucket name"),
        (["STORAGE_TYPE": "s3", "AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b", "S3_BUCKET_NAME": "Bad_Bucket/x"], "(S3_BUCKET_NAME)"),
        (["STORAGE_TYPE": "s3", "AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b", "S3_BUCKET_NAME": "bkt//x"], "key prefix"),
        (["STORAGE_TYPE": "gcs", "GCS_HMAC_ACCESS_ID": "a", "GCS_HMAC_SECRET": "b", "GCS_BUCKET_NAME": "bkt/a b"], "GCS_BUCKET_NAME"),
        (["STORAGE_TYPE": "r2", "R2_ACCOUNT_ID": "a", "R2_ACCESS_KEY_ID": "k", "R2_SECRET_ACCESS_KEY": "s", "R2_BUCKET_NAME": "bkt/../up"], "'..'"),
        (["STORAGE_TYPE": "r2", "R2_ACCOUNT_ID": "a", "R2_ACCESS_KEY_ID": "k", "R2_SECRET_ACCESS_KEY": "s", "R2_BUCKET_NAME": "bkt",
          "R2_PUBLIC_DOMAIN": "a.dev", "S3_PUBLIC_BASE_URL": "https://b.dev"], "disagree"),
    ] as [([String: String], String)])
    func invalid(environment: [String: String], mentions: String) {
        let problem = StorageConfiguration(environment: environment).problem
        #expect(problem?.code == "config.invalid")
        #expect(problem?.message.contains(mentions) == true, "\(problem?.message ?? "none")")
        #expect(EngineConfiguration(environment: environment).configurationProblem?.code == "config.invalid")
    }
}
