import Engine
import Foundation
import Hummingbird
import Model

extension APIServer {
    /// `GET /api/v1/jobs?include_done=true|false` (user): the caller's jobs (an admin's: everyone's),
    /// newest first — queued, running, retrying and failed ones, and with `include_done=true`
    /// finished ones too (at most 100). `POST /api/v1/samples/{id}/retry` (user): queues a failed
    /// sample's job again and answers the sample; only its submitter or an admin may (403
    /// `sample.forbidden`), and only a failed sample (409 `sample.not_failed`, `sample.busy` while
    /// its job is on its way); it counts against the submission limit.
    func addJobRoutes(to api: RouterGroup<APIContext>) {
        api.get("jobs") { request, _ -> Response in
            let user = try await auth.user(request)
            let includeDone: Bool
            switch request.uri.queryParameters.get("include_done")?.trimmingCharacters(in: .whitespaces).lowercased() {
            case nil, "false": includeDone = false
            case "true": includeDone = true
            case let other?: throw APIError.badRequest("include_done must be true or false, not '\(other)'.")
            }
            return try JSONResponse.make(JobList(items: try await library.jobs.list(includeDone: includeDone, as: user.principal)))
        }

        api.post("samples/:id/retry") { request, context -> Response in
            let user = try await auth.user(request)
            try submitLimiter.take(context.rateKeys(user: user.id))
            let sample = try await library.samples.retry(try await library.samples.id(matching: try Self.sampleID(context)), as: user.principal)
            return try JSONResponse.make(FileLinks(publicBaseURL: configuration.publicBaseURL, request: request, store: library.blobs).apply(sample))
        }
    }
}
