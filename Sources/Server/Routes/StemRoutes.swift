import Engine
import Foundation
import Hummingbird
import Model

/// The body of `POST /api/v1/samples/{id}/separate-stems`, read as text first so an unknown
/// stem type gets its own error rather than a decoding one.
struct StemRequestBody: Decodable {
    var stems: [String]
    var provider: String?
}

extension APIServer {
    /// The stem routes: `GET stem-providers` (the catalog the stem dialog shows),
    /// `POST samples/{id}/separate-stems` (user; 202 with the stem job, charged),
    /// `GET samples/{id}/stems` (the caller's stem jobs; none without a token),
    /// `GET stem-jobs/{id}`, `GET stem-jobs/{id}/events` (SSE), `GET stems/{id}`,
    /// `GET stems/{id}/peaks` (user; another user's are 404) and `POST stems/{id}/download`
    /// (user; the first download by a user is charged; answers a signed, expiring link).
    func addStemRoutes(to api: RouterGroup<APIContext>) {
        api.get("stem-providers") { _, _ -> Response in
            try JSONResponse.make(library.stems.catalog())
        }

        api.post("samples/:id/separate-stems") { request, context -> Response in
            let user = try await auth.user(request)
            let sampleID = try Self.sampleID(context)
            try stemLimiter.take(context.rateKeys(user: user.id))
            let wanted = try await body.decode(StemRequestBody.self, from: request)
            let types = try wanted.stems.map { name in
                guard let type = StemType(rawValue: name.lowercased()) else {
                    throw SampleTokError(.stemsUnknownType, "'\(name)' is not a stem type: choose from \(StemType.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                return type
            }
            let job = try await library.stems.request(of: try await library.samples.id(matching: sampleID), stems: types, provider: wanted.provider, as: user.principal)
            return try JSONResponse.make(job, status: .accepted)
        }

        api.get("samples/:id/stems") { request, context -> Response in
            // The caller's own stem jobs (all of them for an admin); none without a token.
            let sampleID = try Self.sampleID(context)
            guard let viewer = try await auth.optionalUser(request) else {
                _ = try await library.samples.sample(try await library.samples.id(matching: sampleID))
                return try JSONResponse.make(StemJobList(items: []))
            }
            let jobs = try await library.stems.jobs(of: try await library.samples.id(matching: sampleID), as: viewer.principal)
            let links = FileLinks(publicBaseURL: configuration.publicBaseURL, request: request, store: library.blobs)
            return try JSONResponse.make(StemJobList(items: jobs.map(links.apply)))
        }

        api.get("stem-jobs/:id") { request, context -> Response in
            let user = try await auth.user(request)
            let job = try await library.stems.stemJob(try Self.uuid(context, "stem job"), as: user.principal)
            return try JSONResponse.make(FileLinks(publicBaseURL: configuration.publicBaseURL, request: request, store: library.blobs).apply(job))
        }

        api.get("stem-jobs/:id/events") { request, context -> Response in
            let user = try await auth.user(request)
            let id = try await library.stems.stemJob(try Self.uuid(context, "stem job"), as: user.principal).id
            let (library, configuration) = (self.library, self.configuration)
            return eventStream(lastSeen: try Self.lastEventID(request)) { lastSeen in
                library.jobs.follow(.stemJob(id), after: lastSeen, pollInterval: configuration.eventPollInterval)
            }
        }

        api.get("stems/:id") { request, context -> Response in
            let user = try await auth.user(request)
            let stem = try await library.stems.stem(try Self.uuid(context, "stem"), as: user.principal)
            return try JSONResponse.make(FileLinks(publicBaseURL: configuration.publicBaseURL, request: request, store: library.blobs).apply(stem))
        }

        api.get("stems/:id/peaks") { request, context -> Response in
            let user = try await auth.user(request)
            let data = try await library.assets.peaks(of: .stem(try Self.uuid(context, "stem")), as: user.principal)
            return Response(status: .ok,
                            headers: [.contentType: "application/json", .contentLength: String(data.count), .cacheControl: "no-cache"],
                            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }

        api.post("stems/:id/download") { request, context -> Response in
            let user = try await auth.user(request)
            let id = try Self.uuid(context, "stem")
            try stemDownloadLimiter.take(context.rateKeys(user: user.id))
            let wanted = try await body.decode(DownloadRequest.self, from: request)
            guard let format = ExportFormat(rawValue: wanted.format.lowercased()) else {
                throw APIError.unprocessable("format must be wav or mp3, not '\(wanted.format)'.")
            }
            let (_, file) = try await library.assets.download(.stem(id), format: format, as: user.principal)
            // The file is paid for: its link is signed for this user and expires (a bucket's
            // presigned URL, or the server's own signed link).
            let links = FileLinks(publicBaseURL: configuration.publicBaseURL, request: request, store: library.blobs)
            let presigned = (try? BlobKey(file.key)).flatMap { library.blobs.presignedURL(for: $0, seconds: fileLinks.lifetime) }
            let url = presigned ?? "\(links.url(file.key))?\(fileLinks.query(for: file.key, user: user.id))"
            return try JSONResponse.make(DownloadLink(url: url, format: format.rawValue, bytes: file.bytes))
        }
    }

    /// The `{id}` of a route that takes a full UUID (400 otherwise).
    static func uuid(_ context: APIContext, _ what: String) throws -> UUID {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else {
            throw APIError.badRequest("A \(what) id is a UUID.")
        }
        return id
    }
}
