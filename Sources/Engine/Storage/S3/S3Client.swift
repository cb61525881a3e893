import Foundation
import Model
import Net

/// An object in a bucket, as a listing or a HEAD tells it.
public struct S3Object: Sendable, Hashable {
    /// The key.
    public var key: String
    /// Its size in bytes.
    public var size: Int
    /// Its content type (HEAD only).
    public var contentType: String?
    /// Its cache policy (HEAD only).
    public var cacheControl: String?
    /// Its ETag without quotes (listing only): the MD5 of the bytes in hex for an object uploaded
    /// whole, `<hash>-<parts>` for a multipart upload.
    public var etag: String? = nil
}

/// The S3 REST operations SampleTok needs, signed with SigV4 and sent over Net's libcurl client:
/// PUT (whole, or multipart above `multipartThreshold` with each part retried and the upload
/// aborted on failure), GET (with a range, or to a file), HEAD, DELETE, LIST (v2) and presigned
/// GET URLs. Every failure is a `SampleTokError` with a `storage.*` code (`S3Error`).
public final class S3Client: Sendable {
    /// The bucket and how it is addressed.
    public let endpoint: S3Endpoint
    let signer: SigV4Signer
    let http: HTTPClient
    /// Files larger than this are uploaded in parts.
    public let multipartThreshold: Int
    /// The size of a part (S3's minimum is 5 MiB, except for the last).
    public let partSize: Int
    /// Tries per part (and per small request) when the storage is unreachable or failing.
    let attempts: Int
    /// The time now (tests pin it).
    let clock: @Sendable () -> Date

    /// A client for `endpoint` with these keys.
    public init(endpoint: S3Endpoint, accessKey: String, secretKey: String, http: HTTPClient = HTTPClient(),
                multipartThreshold: Int = 16 << 20, partSize: Int = 8 << 20, attempts: Int = 3,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.endpoint = endpoint
        signer = SigV4Signer(accessKey: accessKey, secretKey: secretKey, region: endpoint.region)
        self.http = http
        self.multipartThreshold = max(5 << 20, multipartThreshold)
        self.partSize = max(5 << 20, partSize)
        self.attempts = max(1, attempts)
        self.clock = clock
    }

    // MARK: - Objects

    /// Stores `body` under `key`.
    public func put(_ key: String, body: Data, contentType: String, cacheControl: String?) async throws {
        var headers = [("Content-Type", contentType)]
        if let cacheControl { headers.append(("Cache-Control", cacheControl)) }
        _ = try await send("PUT", key, headers: headers, body: body, operation: "upload")
    }

    /// Uploads the file at `source` under `key` (in parts above `multipartThreshold`) and returns its size.
    public func putFile(_ key: String, source: URL, contentType: String, cacheControl: String?) async throws -> Int {
        let size = try Self.fileSize(source)
        if size <= multipartThreshold {
            let body = try Data(contentsOf: source)
            try await put(key, body: body, contentType: contentType, cacheControl: cacheControl)
            return body.count
        }
        try await multipartUpload(key, source: source, size: size, contentType: contentType, cacheControl: cacheControl)
        return size
    }

    /// The object's bytes (or `range` of them: 206), in memory.
    public func get(_ key: String, range: ClosedRange<Int>? = nil) async throws -> Data {
        var headers: [(String, String)] = []
        if let range { headers.append(("Range", "bytes=\(range.lowerBound)-\(range.upperBound)")) }
        return try await send("GET", key, headers: headers, operation: "download").body
    }

    /// Downloads the object to `destination` (written beside it and renamed into place) and
    /// returns its size and stored headers.
    @discardableResult
    public func download(_ key: String, to destination: URL) async throws -> S3Object {
        let request = signed("GET", path: endpoint.path(key), query: [], headers: [], body: Data(), payloadHash: SigV4Signer.emptyPayloadHash,
                             timeout: nil)
        do {
            let response = try await http.download(request, to: destination.path)
            return S3Object(key: key, size: Int(response.receivedBytes), contentType: response.headers["Content-Type"],
                            cacheControl: response.headers["Cache-Control"])
        } catch let error as NetError where error.code == ErrorCode.fetchHTTPStatus.name {
            // The body is gone with a failed download: ask again to know why.
            _ = try await send("HEAD", key, operation: "download")
            throw S3Error.transport(error, operation: "download", key: key)
        } catch {
            throw S3Error.transport(error, operation: "download", key: key)
        }
    }

    /// The object's size and headers, or nil when there is no such key.
    public func head(_ key: String) async throws -> S3Object? {
        do {
            let response = try await send("HEAD", key, operation: "look-up")
            return S3Object(key: key, size: Int(response.contentLength ?? 0), contentType: response.headers["Content-Type"],
                            cacheControl: response.headers["Cache-Control"])
        } catch let error as SampleTokError where error.code == "storage.not_found" {
            return nil
        }
    }

    /// Removes the object (no error when it is not there).
    public func delete(_ key: String) async throws {
        _ = try await send("DELETE", key, operation: "delete")
    }

    /// Every object whose key starts with `prefix`, in key order (as many requests as pages).
    /// Keys are relative to the endpoint's prefix, as every key given to the client is.
    public func list(prefix: String) async throws -> [S3Object] {
        var objects: [S3Object] = []
        var token: String?
        repeat {
            var query = [("list-type", "2"), ("prefix", endpoint.objectKey(prefix)), ("max-keys", "1000")]
            if let token { query.append(("continuation-token", token)) }
            let text = try await send("GET", "", query: query, operation: "listing").text
            for entry in S3Error.tags("Contents", in: text) {
                guard let stored = S3Error.tag("Key", in: entry), let key = endpoint.relativeKey(stored) else { continue }
                let etag = S3Error.tag("ETag", in: entry)?.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                objects.append(S3Object(key: key, size: S3Error.tag("Size", in: entry).flatMap { Int($0) } ?? 0, etag: etag))
            }
            token = S3Error.tag("IsTruncated", in: text) == "true" ? S3Error.tag("NextContinuationToken", in: text) : nil
        } while token != nil
        return objects
    }

    /// A URL that lets anyone GET the object for `expires` seconds (at most 7 days).
    public func presignedURL(_ key: String, expires: Int) -> String {
        let path = endpoint.path(key)
        let query = signer.presignedQuery(method: "GET", host: endpoint.hostHeader, path: path,
                                          amzDate: SigV4Signer.amzDate(clock()), expires: min(604_800, max(1, expires)))
        return endpoint.url(path: path, query: query)
    }

    /// Whether the bucket answers with these keys (HEAD of the bucket).
    public func bucketIsReachable() async throws -> Bool {
        try await send("HEAD", "", operation: "check", retrying: false)
        return true
    }

    /// Creates the bucket (tests and first setup); an existing bucket of ours is fine.
    public func createBucket() async throws {
        do {
            _ = try await send("PUT", "", operation: "bucket creation")
        } catch let error as SampleTokError where error.message.contains("BucketAlreadyOwnedByYou") {}
    }

    // MARK: - Multipart

    private func multipartUpload(_ key: String, source: URL, size: Int, contentType: String, cacheControl: String?) async throws {
        var headers = [("Content-Type", contentType)]
        if let cacheControl { headers.append(("Cache-Control", cacheControl)) }
        let created = try await send("POST", key, query: [("uploads", "")], headers: headers, operation: "multipart upload")
        guard let uploadID = S3Error.tag("UploadId", in: created.text) else {
            throw SampleTokError(.storageFailed, "The storage started no multipart upload for '\(key)' (no UploadId).")
        }
        do {
            let handle = try FileHandle(forReadingFrom: source)
            defer { try? handle.close() }
            var etags: [String] = []
            var offset = 0
            while offset < size {
                try Task.checkCancellation()
                try handle.seek(toOffset: UInt64(offset))
                let part = try handle.read(upToCount: min(partSize, size - offset)) ?? Data()
                guard !part.isEmpty else { throw SampleTokError(.storageFailed, "'\(source.path)' shrank while it was uploaded.") }
                let number = etags.count + 1
                let response = try await send("PUT", key, query: [("partNumber", String(number)), ("uploadId", uploadID)],
                                              body: part, operation: "upload of part \(number)")
                guard let etag = response.headers["ETag"] else {
                    throw SampleTokError(.storageFailed, "The storage gave no ETag for part \(number) of '\(key)'.")
                }
                etags.append(etag)
                offset += part.count
            }
            let parts = etags.enumerated().map { "<Part><PartNumber>\($0.offset + 1)</PartNumber><ETag>\($0.element)</ETag></Part>" }.joined()
            let body = Data("<CompleteMultipartUpload>\(parts)</CompleteMultipartUpload>".utf8)
            let done = try await send("POST", key, query: [("uploadId", uploadID)], headers: [("Content-Type", "application/xml")],
                                      body: body, operation: "completion of the multipart upload")
            // S3 may answer 200 and still fail, with an error document.
            if done.text.contains("<Error>") {
                throw S3Error.from(HTTPResponse(status: 500, headers: done.headers, body: done.body, url: done.url, receivedBytes: 0),
                                   operation: "completion of the multipart upload", key: key)
            }
        } catch {
            // Aborted apart from the failed task, so that a cancelled upload is aborted too.
            await Task.detached { [self] in
                _ = try? await send("DELETE", key, query: [("uploadId", uploadID)], operation: "abort of the multipart upload")
            }.value
            throw error
        }
    }

    // MARK: - Plumbing

    /// Signs and sends a request for `key` ("" for the bucket); a non-2xx answer throws its
    /// `storage.*` error. Requests are retried when the storage is unreachable or failing.
    @discardableResult
    func send(_ method: String, _ key: String, query: [(String, String)] = [], headers: [(String, String)] = [],
              body: Data = Data(), operation: String, retrying: Bool = true) async throws -> HTTPResponse {
        let payloadHash = body.isEmpty ? SigV4Signer.emptyPayloadHash : SigV4Signer.sha256Hex(body)
        var headers = headers
        // A body always has a signed type (else curl would call it form data).
        if !body.isEmpty && !headers.contains(where: { $0.0.lowercased() == "content-type" }) {
            headers.append(("Content-Type", "application/octet-stream"))
        }
        let path = endpoint.path(key)
        var attempt = 1
        while true {
            let request = signed(method, path: path, query: query, headers: headers, body: body, payloadHash: payloadHash,
                                 timeout: .seconds(120))
            let failure: SampleTokError
            do {
                let response = try await http.send(request)
                if response.isSuccess { return response }
                failure = S3Error.from(response, operation: operation, key: key)
            } catch {
                failure = S3Error.transport(error, operation: operation, key: key)
            }
            guard retrying, failure.code == "storage.unreachable", attempt < attempts else { throw failure }
            try await Task.sleep(for: .milliseconds(250 << attempt))
            attempt += 1
        }
    }

    /// A request with its `Authorization`, `x-amz-date` and `x-amz-content-sha256` headers.
    private func signed(_ method: String, path: String, query: [(String, String)], headers: [(String, String)], body: Data,
                        payloadHash: String, timeout: Duration?) -> HTTPRequest {
        let amzDate = SigV4Signer.amzDate(clock())
        let all = headers + [("Host", endpoint.hostHeader), ("x-amz-content-sha256", payloadHash), ("x-amz-date", amzDate)]
        let authorization = signer.authorization(.init(method: method, path: path, query: query, headers: all, payloadHash: payloadHash),
                                                 amzDate: amzDate)
        var fields = HTTPHeaders()
        for (name, value) in all where name != "Host" { fields.add(name, value) }
        fields.add("Authorization", authorization)
        return HTTPRequest(url: endpoint.url(path: path, query: SigV4Signer.canonicalQuery(query)), method: HTTPMethod(rawValue: method),
                           headers: fields, body: body, timeout: timeout, idleTimeout: .seconds(60), followRedirects: false,
                           maxResponseBytes: method == "GET" ? Int64(1 << 30) : Int64(16 << 20))
    }

    private static func fileSize(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
    }
}
