import Engine
import Foundation
import Hummingbird
import Model

/// What a page of `GET /api/v1/samples` depends on: the query and the base of its file URLs.
struct SampleListKey: Hashable, Sendable {
    var query: SampleQuery
    var base: String
    /// The user whose stars a `starred` filter reads (nil without one).
    var viewer: UUID?
}

extension APIServer {
    /// `GET /api/v1/samples`, `GET /api/v1/samples/{id}`, `GET /api/v1/samples/{id}/peaks`,
    /// `GET /api/v1/samples/{id}/similar`,
    /// `POST /api/v1/samples/{id}/download` (user), `DELETE /api/v1/samples/{id}` (its submitter or an admin).
    func addSampleRoutes(to api: RouterGroup<APIContext>) {
        api.get("samples") { request, _ -> Response in
            let query = try SampleListParameters.query(from: request)
            let links = FileLinks(publicBaseURL: configuration.publicBaseURL, request: request, store: library.blobs)
            // A `starred` filter (`starred=`, or `starred:` in `q`) reads the signed-in user's stars.
            let viewer = query.starred != nil || query.searchSyntax?.filters.starred != nil ? try await auth.user(request).principal : nil
            // Pages are cached while the library does not change (a write anywhere moves the stamp).
            let key = SampleListKey(query: query, base: links.base, viewer: viewer?.id)
            let stamp = try await library.samples.changeStamp()
            let body = try await listCache.body(for: key, at: stamp) { [library] in
                let page = try await library.samples.list(query, as: viewer)
                return try JSONResponse.encode(ResultPage(items: page.items.map(links.apply), total: page.total, page: page.page, limit: page.limit))
            }
            return JSONResponse.make(body: body)
        }

        api.get("samples/:id") { request, context -> Response in
            let sample = try await library.samples.sample(try await library.samples.id(matching: try Self.sampleID(context)))
            return try JSONResponse.make(FileLinks(publicBaseURL: configuration.publicBaseURL, request: request, store: library.blobs).apply(sample))
        }

        api.get("samples/:id/similar") { request, context -> Response in
            let query = try SampleListParameters.similarityQuery(from: request)
            let id = try await library.samples.id(matching: try Self.sampleID(context))
            let found = try await library.samples.similar(to: id, query)
            let links = FileLinks(publicBaseURL: configuration.publicBaseURL, request: request, store: library.blobs)
            let items = found.items.map { SimilarSample(sample: links.apply($0.sample), similarity: $0.similarity) }
            return try JSONResponse.make(SimilarSamples(sampleID: found.sampleID, aspect: found.aspect, items: items))
        }

        api.delete("samples/:id") { request, context -> Response in
            let user = try await auth.user(request)
            try await library.samples.delete(try await library.samples.id(matching: try Self.sampleID(context)), as: user.principal)
            return Response(status: .noContent)
        }

        api.get("samples/:id/peaks") { _, context -> Response in
            let data = try await library.assets.peaks(of: .sample(try await library.samples.id(matching: try Self.sampleID(context))))
            return Response(status: .ok,
                            headers: [.contentType: "application/json", .contentLength: String(data.count), .cacheControl: "no-cache"],
                            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }

        api.post("samples/:id/download") { request, context -> Response in
            let user = try await auth.user(request)
            try downloadLimiter.take(context.rateKeys(user: user.id))
            let wanted = try await body.decode(DownloadRequest.self, from: request)
            guard let format = ExportFormat(rawValue: wanted.format.lowercased()) else {
                throw APIError.unprocessable("format must be wav or mp3, not '\(wanted.format)'.")
            }
            let id = try await library.samples.id(matching: try Self.sampleID(context))
            let (_, file) = try await library.assets.download(.sample(id), format: format, as: user.principal)
            let links = FileLinks(publicBaseURL: configuration.publicBaseURL, request: request, store: library.blobs)
            return try JSONResponse.make(DownloadLink(url: links.freeURL(file.key), format: format.rawValue, bytes: file.bytes))
        }
    }

    /// The `{id}` of a route: a full id or a unique prefix of 4+ hex digits (400 otherwise).
    static func sampleID(_ context: APIContext) throws -> String {
        guard let id = context.parameters.get("id"), (4...36).contains(id.count),
              id.allSatisfy({ $0.isHexDigit || $0 == "-" })
        else {
            throw APIError.badRequest("A sample id is a UUID or a unique prefix of at least 4 of its hex digits.")
        }
        return id
    }
}
