import Dispatch
import Engine
import Hummingbird

/// Counts every request and times it to the end of its response body (streams included), by
/// route pattern (`/api/v1/samples/:id`, never the raw path; `unmatched` for unknown routes),
/// method and final status. It sits outside the error middleware, so errors count with the
/// status they were answered with.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let metrics: EngineMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let method = request.method.rawValue
        let metrics = self.metrics
        do {
            var response = try await next(request, context)
            let status = response.status.code
            let record: @Sendable () -> Void = {
                metrics.recordRequest(route: Self.route(context), method: method, status: status,
                                      nanoseconds: DispatchTime.now().uptimeNanoseconds - start)
            }
            // A HEAD response's body is never written: count it now.
            guard request.method != .head else {
                record()
                return response
            }
            let body = response.body
            response.body = ResponseBody(contentLength: body.contentLength) { writer in
                defer { record() }
                try await body.write(writer)
            }
            return response
        } catch {
            metrics.recordRequest(route: Self.route(context), method: method,
                                  status: ErrorMiddleware.apiError(for: error).status.code,
                                  nanoseconds: DispatchTime.now().uptimeNanoseconds - start)
            throw error
        }
    }

    /// The route pattern the router matched, or `unmatched`.
    private static func route(_ context: Context) -> String {
        guard let path = context.endpointPath, path != "NotFound" else { return "unmatched" }
        return path
    }
}
