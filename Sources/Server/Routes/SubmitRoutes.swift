import Engine
import Foundation
import Hummingbird
import Model

extension APIServer {
    /// `POST /api/v1/process/submit {url}` (user): 202 `{sample_id, status}` for a new URL, 200
    /// with the sample for one already known. Only http(s) URLs: a server refuses paths and
    /// `file:` URLs (422 `link.unsupported`).
    func addSubmitRoutes(to api: RouterGroup<APIContext>) {
        api.post("process/submit") { request, context -> Response in
            let user = try await auth.user(request)
            try submitLimiter.take(context.rateKeys(user: user.id))
            let submission = try await body.decode(SubmitRequest.self, from: request)
            let url = submission.url.trimmingCharacters(in: .whitespacesAndNewlines)
            guard url.utf8.count <= 4096 else { throw APIError.unprocessable("url is at most 4096 bytes.") }
            guard Self.isWebURL(url) else {
                throw SampleTokError.linkUnsupported("Give an http(s) URL: this server does not take file paths or other links.")
            }
            let outcome = try await library.samples.submit(url, as: user.principal)
            if outcome.created {
                return try JSONResponse.make(SubmitAccepted(sampleID: outcome.sample.id, status: outcome.sample.status), status: .accepted)
            }
            let links = FileLinks(publicBaseURL: configuration.publicBaseURL, request: request, store: library.blobs)
            return try JSONResponse.make(links.apply(outcome.sample))
        }
    }
}
