import Engine
import Foundation
import Hummingbird
import Model
import Resolvers

extension APIServer {
    /// `GET /files/{key…}` (and HEAD): a blob from the store, with `Range` (206; 416 outside the
    /// file), a strong `ETag` (size and modification time) with `If-None-Match` (304),
    /// `Accept-Ranges`, `Content-Length`, the content type recorded at store time and an
    /// immutable `Cache-Control`. Small files are answered from `fileCache` while unchanged.
    /// Keys are validated by `BlobKey`: `..`, `%`, empty segments and the like are 400
    /// `storage.invalid_key`; a key with no file is 404 `file.not_found`. A paid key
    /// (`BlobKey.isPaid`) needs its signed link (403 `file.unpaid`, `file.link_invalid`,
    /// `file.link_expired`) and a free download slot of its user (429 `rate.limited`), and is
    /// answered `Cache-Control: private, no-store`.
    /// With a bucket (`STORAGE_TYPE` s3, r2, gcs) nothing is read here: the answer is a 302 to
    /// the object's public URL (a free file, with `S3_PUBLIC_BASE_URL`/`R2_PUBLIC_DOMAIN`) or to a
    /// presigned URL (a paid file only after the checks above, valid as long as the signed link).
    func addFileRoutes(to router: Router<APIContext>) {
        let fileIO = FileIO()
        router.get("files/**") { request, context -> Response in
            // Percent-encoded characters are decoded first (`%2F` is a slash); what is left must be a key.
            let path = context.parameters.getCatchAll().map { $0.removingPercentEncoding ?? String($0) }.joined(separator: "/")
            guard let key = try? BlobKey(path) else {
                throw APIError(.storageInvalidKey, "'\(path.prefix(200))' is not a valid file key.")
            }
            // A paid file only through its signed link, each transfer counted against the user's
            // concurrent downloads until its body is written.
            var slot: ConcurrencyLimiter.Slot?
            if key.isPaid {
                let user = try fileLinks.verify(path, parameters: request.uri.queryParameters)
                if library.localBlobs != nil {
                    slot = try downloadSlots.acquire("user:\(user.uuidString)", what: "downloads of paid files")
                }
            }
            if library.localBlobs == nil { return try redirectToBucket(key) }
            var response = try await fileResponse(request, context, key: key, path: path, fileIO: fileIO)
            if let slot {
                response.headers[.cacheControl] = "private, no-store"
                response.body = downloadSlots.holding(slot, response.body)
            }
            return response
        }
    }

    /// A 302 to where a bucket serves `key`: its public URL (free files, with a public base), else
    /// a presigned URL (`STORAGE_PRESIGN_SECONDS`; a paid file: `FILE_LINK_TTL_SECONDS`).
    private func redirectToBucket(_ key: BlobKey) throws -> Response {
        let seconds = key.isPaid ? fileLinks.lifetime : library.configuration.storage.presignSeconds
        guard let target = (key.isPaid ? nil : library.blobs.publicURL(for: key)) ?? library.blobs.presignedURL(for: key, seconds: seconds) else {
            throw APIError(.fileNotFound, "No file with the key '\(key)'.")
        }
        return Response(status: .found, headers: [.location: target, .cacheControl: "private, no-store"])
    }

    /// The response of `/files/{key}` for a key that may be served from the library's folder.
    private func fileResponse(_ request: Request, _ context: APIContext, key: BlobKey, path: String, fileIO: FileIO) async throws -> Response {
        guard let blobs = library.localBlobs else { return try redirectToBucket(key) }
        let file = blobs.filePath(for: key)
        guard !path.hasSuffix(".type"), let status = blobs.status(for: key), status.isRegularFile else {
            throw APIError(.fileNotFound, "No file with the key '\(path)'.")
        }
        let size = status.size
        let etag = "\"\(String(size, radix: 16))-\(String(UInt64(max(0, status.modifiedMicroseconds)), radix: 16))\""
        // A small file is read once and then answered from memory while it is unchanged.
        var cached = fileCache.entry(for: file, status: status)
        if cached == nil, fileCache.accepts(status), request.method != .head,
           let data = try? await Blocking.run({ try Data(contentsOf: URL(fileURLWithPath: file)) }), data.count == size {
            let entry = FileCache.Entry(status: status, contentType: blobs.contentType(for: key) ?? "application/octet-stream",
                                        body: ByteBuffer(bytes: data))
            fileCache.store(entry, for: file)
            cached = entry
        }
        var headers: HTTPFields = [
            .acceptRanges: "bytes",
            .eTag: etag,
            .cacheControl: "public, max-age=31536000, immutable",
            .contentType: cached?.contentType ?? blobs.contentType(for: key) ?? "application/octet-stream",
        ]
        if let match = request.headers[.ifNoneMatch], Self.matches(match, etag) {
            return Response(status: .notModified, headers: headers)
        }
        switch RangeHeader(request.headers[.range], size: size) {
        case .unsatisfiable:
            throw APIError(.requestRangeNotSatisfiable, "The range is outside the file (\(size) bytes).", headers: [.contentRange: "bytes */\(size)"])
        case .part(let range):
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(size)"
            headers[.contentLength] = String(range.count)
            if let slice = cached?.body.getSlice(at: range.lowerBound, length: range.count) {
                return Response(status: .partialContent, headers: headers, body: .init(byteBuffer: slice))
            }
            let body = try await fileIO.loadFile(path: file, range: range, context: context)
            return Response(status: .partialContent, headers: headers, body: body)
        case .whole:
            headers[.contentLength] = String(size)
            if let cached { return Response(status: .ok, headers: headers, body: .init(byteBuffer: cached.body)) }
            let body = try await fileIO.loadFile(path: file, context: context)
            return Response(status: .ok, headers: headers, body: body)
        }
    }

    /// Whether an `If-None-Match` list names `etag` (or is `*`); weak tags compare weakly.
    static func matches(_ header: String, _ etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == etag || tag == "W/\(etag)"
        }
    }
}
