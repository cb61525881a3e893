@testable import Engine
import Foundation
import Model
import Net
import Testing
import TestSupport

/// The `BlobStore` contract, on the local folder and on S3 (moto).
@Suite("blob stores: local folder and S3")
struct BlobStoreTests {
    @Test("put, exists, copy, data, list, remove and removeAll", arguments: StoreKind.tested)
    func contract(kind: StoreKind) async throws {
        let scratch = Scratch("blob-contract")
        let store = try await kind.make(scratch)
        let source = scratch.url.appendingPathComponent("src.bin")
        let bytes = Data((0..<5000).map { UInt8($0 % 251) })
        try bytes.write(to: source)
        let wav = try BlobKey("samples/abc/audio.wav")
        let peaks = try BlobKey("samples/abc/peaks.json")
        let other = try BlobKey("samples/abd/audio.wav")
        #expect(try await store.put(file: source, key: wav, contentType: "audio/wav").bytes == 5000)
        _ = try await store.put(file: source, key: peaks, contentType: "application/json")
        _ = try await store.put(file: source, key: other, contentType: "audio/wav")
        #expect(await store.exists(wav))
        #expect(await store.exists(try BlobKey("samples/abc/missing.wav")) == false)
        #expect(try await store.data(wav) == bytes)
        let copy = scratch.url.appendingPathComponent("out/copy.wav")
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try await store.copy(wav, to: copy)
        #expect(try Data(contentsOf: copy) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: copy.deletingLastPathComponent().path) == ["copy.wav"], "no partial file left")

        #expect(try await store.list(prefix: "").map(\.key) == ["samples/abc/audio.wav", "samples/abc/peaks.json", "samples/abd/audio.wav"])
        #expect(try await store.list(prefix: "samples/abc/").map(\.bytes) == [5000, 5000])

        try await store.remove(peaks)
        try await store.remove(peaks)  // removing what is gone is no error
        #expect(await store.exists(peaks) == false)
        try await store.removeAll(under: try BlobKey("samples/abc"))
        #expect(try await store.list(prefix: "").map(\.key) == ["samples/abd/audio.wav"], "the neighbour with a common prefix stays")
        try await kind.checkNeighbour(of: store)
    }

    @Test("a missing blob is an error to copy or read, and leaves no file", arguments: StoreKind.tested)
    func missing(kind: StoreKind) async throws {
        let scratch = Scratch("blob-missing")
        let store = try await kind.make(scratch)
        let key = try BlobKey("samples/none/audio.wav")
        let destination = scratch.url.appendingPathComponent("copy.wav")
        await #expect(throws: (any Error).self) { try await store.copy(key, to: destination) }
        await #expect(throws: (any Error).self) { try await store.data(key) }
        #expect(!FileManager.default.fileExists(atPath: destination.path))
        if kind != .local {
            await #expect { try await store.data(key) } throws: { ($0 as? SampleTokError)?.code == "storage.not_found" }
            await #expect { try await store.copy(key, to: destination) } throws: { ($0 as? SampleTokError)?.code == "storage.not_found" }
        }
    }
}

/// What only a bucket does: stored headers, ranges, multipart, presigned URLs and the errors.
@Suite("S3 client against moto", .enabled(if: TestS3.runs))
struct S3ClientTests {
    @Test("objects keep their Content-Type and the immutable Cache-Control; ranges answer 206 with those bytes; HEAD of a missing key is nil")
    func headersAndRanges() async throws {
        let scratch = Scratch("s3-headers")
        let store = try #require(try await StoreKind.s3.make(scratch) as? S3BlobStore)
        let source = scratch.url.appendingPathComponent("seg.m4s")
        try Data("0123456789abcdefghij".utf8).write(to: source)
        let key = try BlobKey("samples/x/hls/seg-00001.m4s")
        _ = try await store.put(file: source, key: key, contentType: "video/iso.segment")
        let info = try #require(try await store.info(key))
        #expect(info.size == 20)
        #expect(info.contentType == "video/iso.segment")
        #expect(info.cacheControl == "public, max-age=31536000, immutable")
        #expect(try await store.client.get(key.description, range: 2...5) == Data("2345".utf8))
        await #expect { try await store.client.get(key.description, range: 100...200) } throws: {
            ($0 as? SampleTokError)?.code == "storage.invalid_range"
        }
        #expect(try await store.info(try BlobKey("samples/x/none")) == nil)
        try await store.client.delete("samples/x/none")  // idempotent
    }

    @Test("a presigned URL lets anyone GET the object until it expires; an unsigned GET is refused")
    func presigned() async throws {
        let scratch = Scratch("s3-presigned")
        let store = try #require(try await StoreKind.s3.make(scratch) as? S3BlobStore)
        let source = scratch.url.appendingPathComponent("a.wav")
        try Data("RIFF-ish".utf8).write(to: source)
        let key = try BlobKey("samples/p/audio.wav")
        _ = try await store.put(file: source, key: key, contentType: "audio/wav")
        let url = try #require(store.presignedURL(for: key, seconds: 60))
        #expect(url.contains("X-Amz-Signature="))
        let http = HTTPClient()
        let signed = try await http.send(.get(url))
        #expect(signed.status == 200)
        #expect(signed.body == Data("RIFF-ish".utf8))
        let unsigned = try await http.send(.get(store.client.endpoint.url(path: store.client.endpoint.path(key.description))))
        #expect(unsigned.status == 403)
        #expect(store.publicURL(for: key) == nil, "no public base: no public URL")
        #expect(S3BlobStore(client: store.client, publicBaseURL: "https://cdn.example.com").publicURL(for: key)
                == "https://cdn.example.com/samples/p/audio.wav")
    }

    @Test("under a key prefix: objects live below it, keys come back relative to it, URLs name it, and the bucket's other objects are left alone")
    func keyPrefix() async throws {
        let scratch = Scratch("s3-prefix")
        let store = try #require(try await StoreKind.s3Prefix.make(scratch) as? S3BlobStore)
        let bucket = store.client.endpoint.bucket
        let root = try StoreKind.client(bucket: bucket)
        let source = scratch.url.appendingPathComponent("a.wav")
        try Data("RIFF-ish".utf8).write(to: source)
        let key = try BlobKey("samples/p/audio.wav")
        _ = try await store.put(file: source, key: key, contentType: "audio/wav")
        #expect(try await root.list(prefix: "").map(\.key).sorted() == ["lib/one/samples/p/audio.wav", StoreKind.neighbour])
        #expect(try await store.list(prefix: "").map(\.key) == ["samples/p/audio.wav"])
        #expect(try await store.info(key)?.contentType == "audio/wav")
        #expect(try await store.info(try BlobKey(StoreKind.neighbour)) == nil, "the root's object is not the prefix's")

        let presigned = try #require(store.presignedURL(for: key, seconds: 60))
        #expect(presigned.contains("/\(bucket)/lib/one/samples/p/audio.wav?"))
        #expect(try await HTTPClient().send(.get(presigned)).body == Data("RIFF-ish".utf8))
        #expect(S3BlobStore(client: store.client, publicBaseURL: "https://cdn.example.com").publicURL(for: key)
                == "https://cdn.example.com/lib/one/samples/p/audio.wav", "a public base is the bucket's root")

        // A prefix that is the start of another folder's name is not that folder.
        let sibling = try StoreKind.client(bucket: bucket, prefix: "lib/on")
        #expect(try await sibling.list(prefix: "").isEmpty)
        try await store.removeAll(under: try BlobKey("samples"))
        #expect(try await root.list(prefix: "").map(\.key) == [StoreKind.neighbour])
    }

    @Test("a 40 MB file goes up in parts and comes back byte for byte")
    func multipart() async throws {
        let scratch = Scratch("s3-multipart")
        let store = try #require(try await StoreKind.s3.make(scratch) as? S3BlobStore)
        let source = scratch.url.appendingPathComponent("big.wav")
        var generator = SystemRandomNumberGenerator()
        let block = Data((0..<(1 << 20)).map { _ in UInt8.random(in: 0...255, using: &generator) })
        var bytes = Data()
        for index in 0..<40 { bytes.append(block); bytes[bytes.count - 1] = UInt8(index) }
        try bytes.write(to: source)
        let key = try BlobKey("samples/big/audio.wav")
        #expect(try await store.put(file: source, key: key, contentType: "audio/wav").bytes == 40 << 20)
        let info = try #require(try await store.info(key))
        #expect(info.size == 40 << 20)
        #expect(info.contentType == "audio/wav")
        #expect(info.cacheControl == "public, max-age=31536000, immutable")
        let copy = scratch.url.appendingPathComponent("back.wav")
        try await store.copy(key, to: copy)
        #expect(try Data(contentsOf: copy) == bytes)
        // No upload is left open.
        let uploads = try await store.client.send("GET", "", query: [("uploads", "")], operation: "listing of uploads").text
        #expect(!uploads.contains("<UploadId>"))
    }

    /// A client of a new bucket through `s3_fault_proxy.py`, which fails the first `times` uploads of part 2.
    func faultyClient(times: Int) async throws -> (S3Client, S3Client, FixtureServer) {
        let bucket = TestS3.freshBucketName()
        let direct = try StoreKind.client(bucket: bucket)
        try await direct.createBucket()
        let script = FixtureServer.script(named: "s3_fault_proxy.py")
        let proxy = try FixtureServer(script: script, arguments: [try TestS3.requireURL(), "2", String(times)])
        let endpoint = try #require(S3Endpoint(url: proxy.url(""), bucket: bucket, region: "us-east-1", pathStyle: true))
        return (S3Client(endpoint: endpoint, accessKey: "test", secretKey: "test", multipartThreshold: 5 << 20, partSize: 5 << 20), direct, proxy)
    }

    /// A file of `megabytes` MB whose every MB differs.
    func file(_ scratch: Scratch, megabytes: Int) throws -> (URL, Data) {
        var bytes = Data()
        for index in 0..<megabytes { bytes.append(Data(repeating: UInt8(index), count: 1 << 20)) }
        let url = scratch.url.appendingPathComponent("parts.bin")
        try bytes.write(to: url)
        return (url, bytes)
    }

    @Test("a part that fails once is sent again and the upload completes")
    func partRetried() async throws {
        let scratch = Scratch("s3-part-retry")
        let (client, direct, proxy) = try await faultyClient(times: 1)
        let (source, bytes) = try file(scratch, megabytes: 12)
        #expect(try await client.putFile("big.bin", source: source, contentType: "application/octet-stream", cacheControl: nil) == bytes.count)
        #expect(try await direct.get("big.bin") == bytes)
        _ = proxy
    }

    @Test("a part that keeps failing fails the upload with storage.unreachable, and the multipart upload is aborted")
    func uploadAborted() async throws {
        let scratch = Scratch("s3-part-abort")
        let (client, direct, proxy) = try await faultyClient(times: 100)
        let (source, _) = try file(scratch, megabytes: 12)
        await #expect { try await client.putFile("big.bin", source: source, contentType: "application/octet-stream", cacheControl: nil) } throws: {
            ($0 as? SampleTokError)?.code == "storage.unreachable"
        }
        #expect(try await direct.head("big.bin") == nil, "no object")
        let uploads = try await direct.send("GET", "", query: [("uploads", "")], operation: "listing of uploads").text
        #expect(!uploads.contains("<UploadId>"), "no open upload: \(uploads)")
        _ = proxy
    }

    @Test("no bucket, and no server, are clear errors")
    func failures() async throws {
        let missing = try StoreKind.client(bucket: TestS3.freshBucketName())
        await #expect { try await missing.put("k", body: Data("x".utf8), contentType: "text/plain", cacheControl: nil) } throws: {
            ($0 as? SampleTokError)?.code == "storage.no_bucket"
        }
        // Port 1 on loopback: nothing listens there.
        let endpoint = try #require(S3Endpoint(url: "http://127.0.0.1:1", bucket: "nobody", region: "us-east-1", pathStyle: true))
        let unreachable = S3Client(endpoint: endpoint, accessKey: "k", secretKey: "s", attempts: 1)
        await #expect { try await unreachable.get("k") } throws: { ($0 as? SampleTokError)?.code == "storage.unreachable" }
    }
}
